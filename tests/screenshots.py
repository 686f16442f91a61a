"""Render LinkedIn-like messaging screenshots from known texts, as a phone would send them.

A test helper, not a test file. Besides the renders: `ocr_line` (a synthetic OCR box),
`png` (a plain image of a given size and mode) and `cer` (the character error rate that the
real-OCR tests and bench/ocr.py measure).

`render(spec)` draws one conversation with Pillow in one of
two layouts, loosely modelled on LinkedIn's own:

- **web**: the global navigation bar, an optional thread list on the left, a conversation
  pane with the other person's name, headline and "Active now" at the top, a profile card
  (name · 1st, headline, "View profile"), a day separator, messages under "Name · 10:42 AM"
  headers (the user's own messages look the same, under the user's name), and the compose box
  ("Write a message…", attach/GIF/emoji icons, a Send button);
- **mobile**: a status bar, a top bar with a back arrow, the name and a subtitle, chat
  bubbles (the sender's on the left, the user's on the right in blue) with times under them,
  and the input bar.

Each comes in a light and a dark palette, at 1x and 2x device scale. `telegram_jpeg` then
does what Telegram does to a photo: long side at most 1280 px, JPEG at quality ~80-87.

The font is the one Pillow ships (`ImageFont.load_default(size=...)`, Aileron, Pillow ≥ 10.1),
so the renders are the same on any machine and need no system fonts. It has no em dash,
bullet or euro glyphs, which the texts avoid.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from bot.screens.ocr import OcrLine

__all__ = [
    "THREADS",
    "Message",
    "Spec",
    "Thread",
    "cer",
    "levenshtein",
    "matrix",
    "normalise",
    "ocr_line",
    "png",
    "render",
    "screenshot_bytes",
    "telegram_jpeg",
]


# ---------------------------------------------------------------------------------------------
# Known conversations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    mine: bool  # True: the user's own message (must never be read as the body)
    text: str  # paragraphs separated by "\n\n"; hard line breaks by "\n"
    time: str


@dataclass(frozen=True)
class Thread:
    sender: str
    headline: str
    user: str
    day: str
    messages: tuple[Message, ...]
    inmail: bool = False

    @property
    def expected_body(self) -> str:
        """The sender's last turn: their consecutive messages up to their last one."""
        msgs = self.messages
        end = max(i for i, m in enumerate(msgs) if not m.mine)
        start = end
        while start > 0 and not msgs[start - 1].mine:
            start -= 1
        return "\n\n".join(m.text for m in msgs[start : end + 1])

    @property
    def own_texts(self) -> list[str]:
        return [m.text for m in self.messages if m.mine]

    @property
    def first_name(self) -> str:
        return self.sender.split()[0]


THREADS: dict[str, Thread] = {
    "growthly": Thread(
        sender="Anna Kowalski",
        headline="Founder at Growthly | Helping SaaS teams scale outbound",
        user="Sam Lee",
        day="TODAY",
        messages=(
            Message(False, "Hi Sam, thanks for connecting!", "10:02 AM"),
            Message(True, "Hi Anna, nice to meet you too.", "10:15 AM"),
            Message(
                False,
                "I help companies like yours book 30+ qualified meetings a month without "
                "hiring more SDRs. We recently helped Acme Corp cut their sales cycle by 40%."
                "\n\nWould you be open to a quick 15-minute call this Thursday or Friday? "
                "Happy to work around your calendar.",
                "10:42 AM",
            ),
        ),
    ),
    "brightlane": Thread(
        sender="Rahul Mehta",
        headline="Senior Talent Partner @ Brightlane",
        user="Sam Lee",
        day="MONDAY",
        messages=(
            Message(
                False,
                "Hello Sam, I came across your profile and was really impressed by your "
                "background in data engineering.",
                "9:14 AM",
            ),
            Message(
                False,
                "We are hiring a Staff Engineer for our platform team in Berlin (remote "
                "friendly, 120-140k). Would you be interested in a short chat next week?",
                "9:15 AM",
            ),
        ),
    ),
    "nimbus": Thread(
        sender="Jessica Brennan",
        headline="VP of Partnerships at Nimbus Cloud",
        user="Sam Lee",
        day="MAR 4",
        messages=(
            Message(
                True, "Hi Jessica, I saw your post about cloud costs, great points.", "4:05 PM"
            ),
            Message(
                False,
                "Thank you Sam! Since you liked the post, I thought you might want to see how "
                "Nimbus cuts AWS bills by up to 35% for teams like yours.\n\nHere is a "
                "2-minute demo: nimbus.io/demo\n\nCould you spare 20 minutes next Tuesday?",
                "4:31 PM",
            ),
        ),
    ),
    "appforge": Thread(
        sender="Marco Rossi",
        headline="Business Development Manager at AppForge",
        user="Sam Lee",
        day="YESTERDAY",
        inmail=True,
        messages=(
            Message(
                False,
                "Dear Sam,\n\nI hope this message finds you well. I'm reaching out because our "
                "agency builds custom mobile apps at half the usual price.\n\nCan I send you "
                "our portfolio and a free quote? Let me know what works for you.\n\n"
                "Best regards,\nMarco",
                "6:48 PM",
            ),
        ),
    ),
}


# ---------------------------------------------------------------------------------------------
# Palettes and fonts
# ---------------------------------------------------------------------------------------------

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    page: RGB
    panel: RGB
    text: RGB
    muted: RGB
    line: RGB
    accent: RGB
    on_accent: RGB
    field: RGB
    bubble_them: RGB
    bubble_me: RGB
    on_bubble_me: RGB
    avatar: RGB


LIGHT = Palette(
    page=(244, 242, 238),
    panel=(255, 255, 255),
    text=(25, 25, 25),
    muted=(102, 102, 102),
    line=(224, 223, 220),
    accent=(10, 102, 194),
    on_accent=(255, 255, 255),
    field=(238, 243, 248),
    bubble_them=(240, 240, 240),
    bubble_me=(10, 102, 194),
    on_bubble_me=(255, 255, 255),
    avatar=(160, 180, 200),
)
DARK = Palette(
    page=(0, 0, 0),
    panel=(27, 31, 35),
    text=(233, 233, 233),
    muted=(176, 183, 191),
    line=(56, 67, 77),
    accent=(113, 183, 251),
    on_accent=(0, 0, 0),
    field=(56, 67, 77),
    bubble_them=(56, 67, 77),
    bubble_me=(113, 183, 251),
    on_bubble_me=(0, 0, 0),
    avatar=(90, 110, 130),
)
PALETTES = {"light": LIGHT, "dark": DARK}


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)  # type: ignore[return-value]


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap of one paragraph line to `width` pixels."""
    out: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and fnt.getlength(trial) > width:
            out.append(current)
            current = word
        else:
            current = trial
    if current:
        out.append(current)
    return out


def truncate(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> str:
    if fnt.getlength(text) <= width:
        return text
    while text and fnt.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def layout_paragraphs(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Wrapped lines of a message; "" marks the blank line between paragraphs."""
    lines: list[str] = []
    for i, para in enumerate(text.split("\n\n")):
        if i:
            lines.append("")
        for hard in para.split("\n"):
            lines.extend(wrap(hard, fnt, width))
    return lines


# ---------------------------------------------------------------------------------------------
# Drawing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    layout: str  # "web" | "mobile"
    theme: str  # "light" | "dark"
    scale: int  # 1 | 2
    thread: str  # a key of THREADS
    thread_list: bool = False  # web: show the thread list on the left
    quality: int = 82  # JPEG quality of Telegram's recompression

    @property
    def name(self) -> str:
        extra = "-list" if self.thread_list else ""
        return f"{self.layout}-{self.theme}-{self.scale}x-{self.thread}{extra}"


@dataclass
class _Canvas:
    s: int
    pal: Palette
    ops: list = field(default_factory=list)  # deferred draw calls: (y_needed, fn)

    def px(self, v: float) -> int:
        return round(v * self.s)


def _avatar(draw: ImageDraw.ImageDraw, x: float, y: float, d: float, pal: Palette) -> None:
    """A photo-less avatar: a circle with a head-and-shoulders silhouette (no letters)."""
    draw.ellipse((x, y, x + d, y + d), fill=pal.avatar)
    head = d * 0.36
    cx = x + d / 2
    draw.ellipse((cx - head / 2, y + d * 0.18, cx + head / 2, y + d * 0.18 + head), fill=pal.panel)
    draw.chord((x + d * 0.2, y + d * 0.58, x + d * 0.8, y + d * 1.05), 180, 360, fill=pal.panel)


def _dots(draw: ImageDraw.ImageDraw, x: float, y: float, r: float, color: RGB) -> None:
    for i in range(3):
        cx = x + i * r * 3
        draw.ellipse((cx - r, y - r, cx + r, y + r), fill=color)


def render(spec: Spec) -> Image.Image:
    """Draw the screenshot described by `spec` (device pixels, before Telegram)."""
    if spec.layout == "web":
        return _render_web(spec)
    if spec.layout == "mobile":
        return _render_mobile(spec)
    raise ValueError(spec.layout)


def _render_web(spec: Spec) -> Image.Image:
    s = spec.scale
    pal = PALETTES[spec.theme]
    thread = THREADS[spec.thread]
    W = 1280 * s
    nav_h = 52 * s
    list_w = 340 * s if spec.thread_list else 0
    margin = 24 * s
    pane_x0 = margin + list_w + (8 * s if spec.thread_list else 0)
    pane_x1 = W - margin
    text_x = pane_x0 + 64 * s
    text_w = pane_x1 - text_x - 32 * s

    f_body = font(14 * s)
    f_name = font(14 * s)
    f_small = font(12 * s)
    f_head = font(16 * s)
    lh = 20 * s

    # Measure the conversation first, so the window is as tall as it needs to be.
    blocks = []
    previous_mine: bool | None = None
    for message in thread.messages:
        lines = layout_paragraphs(message.text, f_body, text_w)
        blocks.append((message, lines, message.mine != previous_mine))
        previous_mine = message.mine
    header_h = 72 * s
    card_h = 150 * s
    sep_h = 44 * s
    msgs_h = sum((28 * s if new else 6 * s) + len(lines) * lh + 8 * s for _, lines, new in blocks)
    compose_h = 132 * s
    H = max(760 * s, nav_h + 16 * s + header_h + card_h + sep_h + msgs_h + 40 * s + compose_h)

    img = Image.new("RGB", (W, H), pal.page)
    d = ImageDraw.Draw(img)

    # Global navigation.
    d.rectangle((0, 0, W, nav_h), fill=pal.panel)
    d.line((0, nav_h, W, nav_h), fill=pal.line, width=s)
    d.rounded_rectangle(
        (margin + 44 * s, 10 * s, margin + 44 * s + 280 * s, 42 * s), 4 * s, pal.field
    )
    d.text((margin + 80 * s, 18 * s), "Search", font=f_body, fill=pal.muted)
    d.rounded_rectangle((margin, 10 * s, margin + 34 * s, 44 * s), 4 * s, fill=pal.accent)
    x = W - 560 * s
    for label in ("Home", "My Network", "Jobs", "Messaging", "Notifications", "Me"):
        lw = f_small.getlength(label)
        d.rectangle((x + lw / 2 - 11 * s, 6 * s, x + lw / 2 + 11 * s, 26 * s), fill=pal.muted)
        d.text((x, 32 * s), label, font=f_small, fill=pal.muted)
        x += lw + 34 * s

    top = nav_h + 16 * s
    # Thread list (optional).
    if spec.thread_list:
        lx0, lx1 = margin, margin + list_w
        d.rounded_rectangle((lx0, top, lx1, H - 16 * s), 8 * s, fill=pal.panel)
        d.text((lx0 + 16 * s, top + 14 * s), "Messaging", font=f_head, fill=pal.text)
        d.rounded_rectangle(
            (lx0 + 16 * s, top + 46 * s, lx1 - 16 * s, top + 78 * s), 4 * s, pal.field
        )
        d.text((lx0 + 48 * s, top + 54 * s), "Search messages", font=f_body, fill=pal.muted)
        px = lx0 + 16 * s
        for pill in ("Focused", "Unread", "My Connections", "InMail"):
            pw = f_small.getlength(pill) + 24 * s
            d.rounded_rectangle(
                (px, top + 90 * s, px + pw, top + 118 * s), 14 * s, outline=pal.muted, width=s
            )
            d.text((px + 12 * s, top + 96 * s), pill, font=f_small, fill=pal.muted)
            px += pw + 8 * s
        last = thread.messages[-1]
        who = "You" if last.mine else thread.first_name
        items = [
            (thread.sender, last.time, f"{who}: {last.text}"),
            ("Priya Natarajan", "Mar 2", "Priya: Thanks again for the intro, talk soon!"),
            ("Daniel Okafor", "Feb 27", "You: Sounds good, see you at the meetup."),
            ("LinkedIn Premium", "Feb 20", "Sponsored: Try Premium for free this month"),
        ]
        iy = top + 132 * s
        for i, (name, when, snippet) in enumerate(items):
            if i == 0:
                d.rectangle((lx0, iy - 8 * s, lx1, iy + 64 * s), fill=pal.field)
            _avatar(d, lx0 + 16 * s, iy, 48 * s, pal)
            d.text((lx0 + 76 * s, iy + 2 * s), name, font=f_name, fill=pal.text)
            ww = f_small.getlength(when)
            d.text((lx1 - 16 * s - ww, iy + 4 * s), when, font=f_small, fill=pal.muted)
            snip = truncate(" ".join(snippet.split()), f_small, lx1 - lx0 - 100 * s)
            d.text((lx0 + 76 * s, iy + 26 * s), snip, font=f_small, fill=pal.muted)
            iy += 80 * s

    # Conversation pane.
    d.rounded_rectangle((pane_x0, top, pane_x1, H - 16 * s), 8 * s, fill=pal.panel)
    y = top + 12 * s
    d.text((pane_x0 + 16 * s, y), thread.sender, font=f_head, fill=pal.text)
    sub = "InMail  ·  " if thread.inmail else ""
    d.text((pane_x0 + 16 * s, y + 26 * s), f"{sub}Active now", font=f_small, fill=pal.muted)
    _dots(d, pane_x1 - 96 * s, y + 18 * s, 2.5 * s, pal.muted)
    d.rectangle(
        (pane_x1 - 60 * s, y + 10 * s, pane_x1 - 36 * s, y + 26 * s), outline=pal.muted, width=2 * s
    )
    y = top + header_h
    d.line((pane_x0, y, pane_x1, y), fill=pal.line, width=s)

    # Profile card at the start of the conversation.
    y += 16 * s
    _avatar(d, pane_x0 + 16 * s, y, 72 * s, pal)
    d.text((pane_x0 + 100 * s, y + 6 * s), f"{thread.sender} · 1st", font=f_head, fill=pal.text)
    d.text((pane_x0 + 100 * s, y + 32 * s), thread.headline, font=f_body, fill=pal.muted)
    d.text((pane_x0 + 100 * s, y + 56 * s), "View profile", font=f_body, fill=pal.accent)
    y += card_h - 16 * s

    # Day separator.
    dw = f_small.getlength(thread.day)
    cx = (pane_x0 + pane_x1) / 2
    d.line((pane_x0 + 16 * s, y + 10 * s, cx - dw / 2 - 12 * s, y + 10 * s), fill=pal.line, width=s)
    d.line((cx + dw / 2 + 12 * s, y + 10 * s, pane_x1 - 16 * s, y + 10 * s), fill=pal.line, width=s)
    d.text((cx - dw / 2, y + 2 * s), thread.day, font=f_small, fill=pal.muted)
    y += sep_h

    # Messages: avatar, "Name · 10:42 AM", then the text.
    for message, lines, new in blocks:
        if new:
            y += 12 * s
            name = thread.user if message.mine else thread.sender
            _avatar(d, pane_x0 + 16 * s, y, 36 * s, pal)
            d.text((text_x, y), name, font=f_name, fill=pal.text)
            nw = f_name.getlength(name)
            d.text(
                (text_x + nw + 6 * s, y + 2 * s), f"· {message.time}", font=f_small, fill=pal.muted
            )
            y += 22 * s
        else:
            y += 6 * s
        for line in lines:
            if line:
                d.text((text_x, y), line, font=f_body, fill=pal.text)
            y += lh
        y += 8 * s

    # Compose box.
    cy = H - 16 * s - compose_h
    d.line((pane_x0, cy, pane_x1, cy), fill=pal.line, width=s)
    d.rounded_rectangle(
        (pane_x0 + 12 * s, cy + 12 * s, pane_x1 - 12 * s, cy + 76 * s), 6 * s, pal.field
    )
    d.text((pane_x0 + 24 * s, cy + 22 * s), "Write a message…", font=f_body, fill=pal.muted)
    by = cy + 90 * s
    d.rectangle(
        (pane_x0 + 16 * s, by, pane_x0 + 36 * s, by + 18 * s), outline=pal.muted, width=2 * s
    )
    d.line((pane_x0 + 52 * s, by, pane_x0 + 52 * s, by + 18 * s), fill=pal.muted, width=2 * s)
    d.rounded_rectangle(
        (pane_x0 + 70 * s, by, pane_x0 + 102 * s, by + 18 * s),
        3 * s,
        outline=pal.muted,
        width=2 * s,
    )
    d.text((pane_x0 + 76 * s, by + 3 * s), "GIF", font=font(10 * s), fill=pal.muted)
    d.ellipse(
        (pane_x0 + 116 * s, by, pane_x0 + 134 * s, by + 18 * s), outline=pal.muted, width=2 * s
    )
    sx = pane_x1 - 120 * s
    d.rounded_rectangle((sx, by - 4 * s, sx + 64 * s, by + 22 * s), 13 * s, fill=pal.accent)
    d.text((sx + 17 * s, by + 1 * s), "Send", font=f_small, fill=pal.on_accent)
    _dots(d, pane_x1 - 40 * s, by + 9 * s, 2 * s, pal.muted)
    return img


def _render_mobile(spec: Spec) -> Image.Image:
    s = spec.scale
    pal = PALETTES[spec.theme]
    thread = THREADS[spec.thread]
    W = 390 * s
    f_body = font(15 * s)
    f_head = font(17 * s)
    f_small = font(12 * s)
    f_status = font(15 * s)
    lh = 20 * s
    pad_x, pad_y = 12 * s, 9 * s
    max_text = W * 0.72 - 2 * pad_x

    bubbles = []
    for message in thread.messages:
        lines = layout_paragraphs(message.text, f_body, max_text)
        width = max(f_body.getlength(line) for line in lines if line)
        bubbles.append((message, lines, width))
    status_h, bar_h, input_h = 44 * s, 56 * s, 84 * s
    content_h = 40 * s + sum(len(ls) * lh + 2 * pad_y + 30 * s for _, ls, _ in bubbles)
    H = max(844 * s, status_h + bar_h + content_h + input_h + 24 * s)

    img = Image.new("RGB", (W, H), pal.panel)
    d = ImageDraw.Draw(img)

    # Status bar: clock, signal, battery.
    d.text((28 * s, 13 * s), "9:41", font=f_status, fill=pal.text)
    for i in range(4):
        bx = W - 96 * s + i * 6 * s
        d.rectangle((bx, 26 * s - (i + 1) * 3 * s, bx + 4 * s, 26 * s), fill=pal.text)
    d.rounded_rectangle((W - 58 * s, 15 * s, W - 26 * s, 28 * s), 3 * s, outline=pal.text, width=s)
    d.rectangle((W - 56 * s, 17 * s, W - 34 * s, 26 * s), fill=pal.text)

    # Top bar: back arrow, avatar, name and subtitle, video/more icons.
    y0 = status_h
    mid = y0 + bar_h / 2
    d.line(
        [(24 * s, mid - 9 * s), (15 * s, mid), (24 * s, mid + 9 * s)], fill=pal.text, width=2 * s
    )
    _avatar(d, 40 * s, mid - 17 * s, 34 * s, pal)
    d.text((84 * s, y0 + 8 * s), thread.sender, font=f_head, fill=pal.text)
    subtitle = "InMail" if thread.inmail else "Active now"
    d.text((84 * s, y0 + 31 * s), subtitle, font=f_small, fill=pal.muted)
    d.rounded_rectangle(
        (W - 78 * s, mid - 7 * s, W - 58 * s, mid + 7 * s), 2 * s, outline=pal.text, width=2 * s
    )
    _dots(d, W - 36 * s, mid, 2.2 * s, pal.text)
    d.line((0, y0 + bar_h, W, y0 + bar_h), fill=pal.line, width=s)

    # Conversation, anchored to the bottom like every chat app.
    y = H - input_h - 24 * s - content_h + 12 * s
    dw = f_small.getlength(thread.day.title())
    d.text(((W - dw) / 2, y), thread.day.title(), font=f_small, fill=pal.muted)
    y += 28 * s
    for message, lines, width in bubbles:
        bw = width + 2 * pad_x
        bh = len(lines) * lh + 2 * pad_y
        bx = W - 14 * s - bw if message.mine else 14 * s
        fill = pal.bubble_me if message.mine else pal.bubble_them
        ink = pal.on_bubble_me if message.mine else pal.text
        d.rounded_rectangle((bx, y, bx + bw, y + bh), 18 * s, fill=fill)
        ty = y + pad_y
        for line in lines:
            if line:
                d.text((bx + pad_x, ty), line, font=f_body, fill=ink)
            ty += lh
        y += bh + 4 * s
        stamp = f"{message.time} · Seen" if message.mine else message.time
        tw = f_small.getlength(stamp)
        tx = bx + bw - tw - 4 * s if message.mine else bx + 4 * s
        d.text((tx, y), stamp, font=f_small, fill=pal.muted)
        y += 26 * s

    # Input bar and home indicator.
    iy = H - input_h
    d.line((0, iy, W, iy), fill=pal.line, width=s)
    d.ellipse((12 * s, iy + 12 * s, 40 * s, iy + 40 * s), outline=pal.muted, width=2 * s)
    d.line((26 * s, iy + 18 * s, 26 * s, iy + 34 * s), fill=pal.muted, width=2 * s)
    d.line((18 * s, iy + 26 * s, 34 * s, iy + 26 * s), fill=pal.muted, width=2 * s)
    d.rounded_rectangle((50 * s, iy + 8 * s, W - 56 * s, iy + 44 * s), 18 * s, pal.field)
    d.text((64 * s, iy + 17 * s), "Write a message…", font=f_body, fill=pal.muted)
    d.polygon(
        [
            (W - 42 * s, iy + 16 * s),
            (W - 16 * s, iy + 26 * s),
            (W - 42 * s, iy + 36 * s),
            (W - 36 * s, iy + 26 * s),
        ],
        fill=pal.accent,
    )
    d.rounded_rectangle(
        (W / 2 - 67 * s, H - 14 * s, W / 2 + 67 * s, H - 9 * s), 3 * s, fill=pal.text
    )
    return img


# ---------------------------------------------------------------------------------------------
# Telegram's recompression, and the test matrix
# ---------------------------------------------------------------------------------------------


def telegram_jpeg(img: Image.Image, *, quality: int = 82, long_side: int = 1280) -> bytes:
    """What a Telegram photo looks like on arrival: long side ≤ 1280 px, JPEG ~80-87."""
    img = img.convert("RGB")
    if max(img.size) > long_side:
        ratio = long_side / max(img.size)
        size = (round(img.width * ratio), round(img.height * ratio))
        img = img.resize(size, Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, subsampling="4:2:0", optimize=True)
    return buf.getvalue()


def screenshot_bytes(spec: Spec) -> bytes:
    return telegram_jpeg(render(spec), quality=spec.quality)


def matrix() -> list[Spec]:
    """web/mobile × light/dark × 1x/2x, each with a different thread and JPEG quality."""
    names = list(THREADS)
    specs = []
    i = 0
    for layout in ("web", "mobile"):
        for theme in ("light", "dark"):
            for scale in (1, 2):
                specs.append(
                    Spec(
                        layout=layout,
                        theme=theme,
                        scale=scale,
                        thread=names[i % len(names)],
                        thread_list=layout == "web" and scale == 2,
                        quality=(80, 84, 87, 82)[i % 4],
                    )
                )
                i += 1
    return specs


# ---------------------------------------------------------------------------------------------
# Small factories and the error measure
# ---------------------------------------------------------------------------------------------


def ocr_line(
    text: str, x0: int, y0: int, x1: int | None = None, h: int = 20, score: float = 0.99
) -> OcrLine:
    """A synthetic OCR line; about 8 px per character wide unless `x1` is given."""
    if x1 is None:
        x1 = x0 + 8 * len(text)
    return OcrLine(text, x0, y0, x1, y0 + h, score=score)


def png(size: tuple[int, int], mode: str = "RGB", color: object = "white") -> bytes:
    buf = io.BytesIO()
    Image.new(mode, size, color).save(buf, "PNG")
    return buf.getvalue()


def levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def normalise(text: str) -> str:
    """Compare text, not typography: NFKC, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def cer(hypothesis: str, reference: str) -> float:
    ref = normalise(reference)
    return levenshtein(normalise(hypothesis), ref) / max(1, len(ref))
