"""Render LinkedIn messaging screenshots from known texts, as phones and desktops send them.

A test helper, not a test file. Besides the renders: `ocr_line` (a synthetic OCR box),
`png` (a plain image of a given size and mode) and `cer` (the character error rate that the
real-OCR tests and bench/ocr.py measure).

Every conversation in `THREADS` is written by the project for these tests: made-up people,
companies and messages, modelled on the kinds of cold message the bot answers. None is a real
message or a real person.

`render(spec)` draws one screen with Pillow in one of three layouts, modelled on LinkedIn's:

- **ios** (the LinkedIn app on an iPhone, 390x844 pt at 3x or 2x, Inter standing in for SF
  Pro): the status bar ("9:41", signal bars, "5G", the battery, sometimes with its
  percentage), the conversation header (back chevron, avatar, the name, under it the
  headline or "Active now"), messages as LinkedIn lists them (avatar, "Name · 10:42 AM",
  the text) or as chat bubbles, day separators, the input bar and the home indicator;
- **android** (the app on a 412x915 dp phone at 2.625x, Roboto): the same with Android's
  status bar ("10:24", "5G", "87%"), an arrow back and the gesture bar;
- **web** (linkedin.com/messaging in a desktop browser, 1x or 2x; Inter or DejaVu Sans):
  the global navigation, the "Messaging" pane with its search box, filter pills and thread
  list (names, weekday and date stamps, snippets), the conversation header (name and
  headline, or "Active now"), the profile card when the conversation starts on screen, day
  separators ("TODAY", "TUESDAY"), messages under "Name · 10:42 AM" headers (the user's
  own too) and the compose box; or cropped by the user just above the compose box.

Each comes in a light and a dark palette. Chats are anchored to the bottom, as apps draw them:
a long conversation is cut off at the top, never the last messages. `telegram_jpeg` then does
what Telegram does to a photo: long side at most 1280 px, JPEG at quality ~80-87. `matrix()` is
the test set: 27 screens, nine per layout (one of them a long thread, scrolled), names
with accents among them.

The fonts come from Debian packages that `make fonts` installs (fonts-roboto-unhinted,
fonts-inter, fonts-dejavu-core); a missing one raises, so the tests fail rather than skip.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.screens.ocr import OcrLine

__all__ = [
    "FONT_FILES",
    "THREADS",
    "Message",
    "Spec",
    "Thread",
    "cer",
    "font",
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
# Known conversations (written by the project for these tests)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    mine: bool  # True: the user's own message (must never be read as the body)
    text: str  # paragraphs separated by "\n\n"; hard line breaks by "\n"
    time: str
    day: str | None = None  # a day separator drawn above this message ("TODAY", "Tuesday")


@dataclass(frozen=True)
class Thread:
    sender: str
    headline: str
    user: str
    day: str  # the separator above the first message
    messages: tuple[Message, ...]
    inmail: bool = False
    listed: str = "Tuesday"  # the stamp the thread list shows for this conversation

    @property
    def turn(self) -> tuple[int, int]:
        """Indexes of the sender's last turn: their consecutive messages up to their last."""
        msgs = self.messages
        end = max(i for i, m in enumerate(msgs) if not m.mine)
        start = end
        while start > 0 and not msgs[start - 1].mine:
            start -= 1
        return start, end

    @property
    def expected_body(self) -> str:
        start, end = self.turn
        return "\n\n".join(m.text for m in self.messages[start : end + 1])

    @property
    def own_texts(self) -> list[str]:
        return [m.text for m in self.messages if m.mine]

    @property
    def first_name(self) -> str:
        return self.sender.split()[0]


def _t(sender: str, headline: str, day: str, *messages: Message, **kw: object) -> Thread:
    return Thread(
        sender=sender, headline=headline, user="Sam Lee", day=day, messages=messages, **kw
    )  # type: ignore[arg-type]


M = Message
THREADS: dict[str, Thread] = {
    "growthly": _t(
        "Anna Kowalski",
        "Founder at Growthly | Helping SaaS teams scale outbound",
        "TODAY",
        M(False, "Hi Sam, thanks for connecting!", "10:02 AM"),
        M(True, "Hi Anna, nice to meet you too.", "10:15 AM"),
        M(
            False,
            "I help companies like yours book 30+ qualified meetings a month without "
            "hiring more SDRs. We recently helped Acme Corp cut their sales cycle by 40%."
            "\n\nWould you be open to a quick 15-minute call this Thursday or Friday? "
            "Happy to work around your calendar.",
            "10:42 AM",
        ),
        listed="10:42 AM",
    ),
    "brightlane": _t(
        "Rahul Mehta",
        "Senior Talent Partner @ Brightlane",
        "MONDAY",
        M(
            False,
            "Hello Sam, I came across your profile and was really impressed by your "
            "background in data engineering.",
            "9:14 AM",
        ),
        M(
            False,
            "We are hiring a Staff Engineer for our platform team in Berlin (remote "
            "friendly, 120-140k). Would you be interested in a short chat next week?",
            "9:15 AM",
        ),
        listed="Monday",
    ),
    "nimbus": _t(
        "Jessica Brennan",
        "VP of Partnerships at Nimbus Cloud",
        "MAR 4",
        M(True, "Hi Jessica, I saw your post about cloud costs, great points.", "4:05 PM"),
        M(
            False,
            "Thank you Sam! Since you liked the post, I thought you might want to see how "
            "Nimbus cuts AWS bills by up to 35% for teams like yours.\n\nHere is a "
            "2-minute demo: nimbus.io/demo\n\nCould you spare 20 minutes next Tuesday?",
            "4:31 PM",
        ),
        listed="Mar 4",
    ),
    "appforge": _t(
        "Marco Rossi",
        "Business Development Manager at AppForge",
        "YESTERDAY",
        M(
            False,
            "Dear Sam,\n\nI hope this message finds you well. I'm reaching out because our "
            "agency builds custom mobile apps at half the usual price.\n\nCan I send you "
            "our portfolio and a free quote? Let me know what works for you.\n\n"
            "Best regards,\nMarco",
            "6:48 PM",
        ),
        inmail=True,
        listed="Yesterday",
    ),
    "ledgerly": _t(
        "Daniel Okafor",
        "Co-Founder & CEO at Ledgerly | Fintech for modern finance teams",
        "TUESDAY",
        M(
            False,
            "Hi Sam, great to connect! I noticed your team is growing fast, congrats on "
            "the new funding round.",
            "11:20 AM",
        ),
        M(
            False,
            "Ledgerly automates month-end close for finance teams like yours. Would you "
            "have 15 minutes this week for a quick demo?",
            "11:21 AM",
        ),
        M(True, "Thanks Daniel, we are all set for now.", "2:03 PM", day="TODAY"),
        listed="2:03 PM",
    ),
    "cloudnest": _t(
        "Priya Natarajan",
        "Product Marketing Lead at Cloudnest",
        "YESTERDAY",
        M(False, "Hey Sam! Hope your week is going well.", "5:12 PM"),
        M(
            False,
            "We are running a short survey about how engineering leaders pick developer "
            "tools. It takes about 10 minutes.",
            "5:13 PM",
        ),
        M(
            False,
            "Would you be willing to fill it out and share it with your team? Happy to "
            "send a $20 gift card as a thank you.",
            "9:02 AM",
            day="TODAY",
        ),
        listed="9:02 AM",
    ),
    "pycon": _t(
        "Tom Becker",
        "Staff Engineer at Fernwerk",
        "WEDNESDAY",
        M(
            False,
            "Great meeting you at PyCon Berlin! Your talk on streaming pipelines was the "
            "best one I saw all week.",
            "8:47 PM",
        ),
        M(True, "Thanks Tom, it was great to meet you too. How did your sprint go?", "9:30 PM"),
        M(
            False,
            "It went well, we merged the async client. I am putting together a small "
            "meetup in March and would love to have you give a short version of the talk. "
            "No pressure at all, just let me know if you are interested.",
            "10:05 PM",
        ),
        listed="Wednesday",
    ),
    "staffing": _t(
        "Linda Harper",
        "HR Manager at Global Staffing Partners",
        "FRIDAY",
        M(
            False,
            "Congratulations! Your profile has been shortlisted for a remote data entry "
            "role paying $45 per hour, no interview needed.",
            "7:15 AM",
        ),
        M(
            False,
            "To secure your place please send your full name, phone number and bank "
            "details to our onboarding team today. Spots are limited.",
            "7:16 AM",
        ),
        listed="Friday",
    ),
    "datapulse": _t(
        "Kevin Zhang",
        "Account Executive at DataPulse",
        "MONDAY",
        M(False, "Hi Sam, quick question about your analytics stack.", "3:40 PM"),
        M(True, "Hi Kevin, what is this about?", "4:02 PM"),
        M(
            False,
            "We help data teams cut dashboard load times in half. I would love to show "
            "you a short walkthrough.",
            "10:11 AM",
            day="TODAY",
        ),
        M(False, "Does Thursday at 2 PM work for a 20-minute call?", "10:12 AM"),
        listed="10:12 AM",
    ),
    "hexa": _t(
        "Sofía Martínez",
        "Technical Recruiter at Hexa Labs",
        "THURSDAY",
        M(
            False,
            "Hi Sam, I am recruiting for a Lead Backend Engineer at Hexa Labs, a Series B "
            "climate startup. The role is fully remote within Europe and the team works "
            "mostly in Go and Python.\n\nWould you be open to hearing more?",
            "1:25 PM",
        ),
        M(True, "Hi Sofía, could you share the salary range first?", "6:40 PM"),
        listed="Thursday",
    ),
    "closers": _t(
        "Łukasz Wróblewski",
        "Sales Coach | Helping founders close more deals",
        "SATURDAY",
        M(
            False,
            "Hey Sam, I just endorsed you for Python and Data Engineering. Would you mind "
            "endorsing me for Sales Coaching and Leadership? It really helps my profile.",
            "12:30 PM",
        ),
        M(
            False,
            "Also, I am launching a new course next month. Let me know if you want an early "
            "bird discount!",
            "12:31 PM",
        ),
        listed="Saturday",
    ),
    "scaling": _t(
        "Emily Carter",
        "Host of The Scaling Show podcast",
        "FEB 27",
        M(True, "Hi Emily, thanks for the invite. What would the episode cover?", "9:05 AM"),
        M(
            False,
            "Great question! We would talk about how you built your data platform. Guests "
            "cover a small production fee of $490, which includes promotion to our 40k "
            "listeners.\n\nShall I send over the booking link?",
            "9:48 AM",
        ),
        listed="Feb 27",
    ),
    # Long enough that phones and the web scroll: the top of the thread is cut off.
    "meridian": _t(
        "Alex Moreau",
        "Enterprise Account Executive at Meridian Observability",
        "MAR 11",
        M(False, "Hi Sam, thanks for accepting my invite!", "9:02 AM"),
        M(True, "Hi Alex, happy to connect.", "9:30 AM"),
        M(
            False,
            "Quick one: are you the right person to talk to about observability at your company?",
            "9:41 AM",
        ),
        M(True, "Partly, I look after the data platform side.", "10:05 AM"),
        M(
            False,
            "Perfect. Meridian gives platform teams one place for logs, metrics and traces, at "
            "about a third of what most teams pay today.",
            "10:07 AM",
        ),
        M(
            False,
            "Just bumping this to the top of your inbox. Did you get a chance to look?",
            "8:55 AM",
            day="MONDAY",
        ),
        M(True, "Not yet, it has been a busy week.", "12:10 PM"),
        M(
            False,
            "Totally understand! Would a 15-minute call on Friday morning work instead? I can "
            "send a calendar invite right away.",
            "8:40 AM",
            day="TODAY",
        ),
        listed="8:40 AM",
    ),
}


# ---------------------------------------------------------------------------------------------
# Fonts (Debian packages; `make fonts`)
# ---------------------------------------------------------------------------------------------

FONT_FILES = {
    "roboto": "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
    "roboto-bold": "/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Medium.ttf",
    "inter": "/usr/share/fonts/opentype/inter/Inter-Regular.otf",
    "inter-bold": "/usr/share/fonts/opentype/inter/Inter-SemiBold.otf",
    "dejavu": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "dejavu-bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}


@cache
def font(family: str, size: float) -> ImageFont.FreeTypeFont:
    path = FONT_FILES[family]
    if not Path(path).is_file():
        raise FileNotFoundError(
            f"font {path} is missing: run `make fonts` (fonts-roboto-unhinted, fonts-inter, "
            "fonts-dejavu-core)"
        )
    return ImageFont.truetype(path, round(size))


# ---------------------------------------------------------------------------------------------
# Palettes
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
    online: RGB = (5, 118, 66)


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
    online=(87, 200, 77),
)
PALETTES = {"light": LIGHT, "dark": DARK}


# ---------------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------------


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
# The screen to draw
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    layout: str  # "ios" | "android" | "web" ("mobile" is the iPhone, for older callers)
    theme: str  # "light" | "dark"
    scale: float  # device pixels per point: iPhone 3 or 2, Android 2.625, desktop 1 or 2
    thread: str  # a key of THREADS
    thread_list: bool = True  # web: the Messaging pane with the thread list on the left
    bubbles: bool = False  # mobile: chat bubbles instead of LinkedIn's list of messages
    subtitle: str = "headline"  # under the name in the header: "headline" | "active"
    battery: bool = False  # iPhone: the battery percentage in the status bar
    quality: int = 82  # JPEG quality of Telegram's recompression
    wide: bool = False  # web: a 1440 px wide window instead of 1280
    font: str = "inter"  # web: "inter" | "dejavu"
    cropped: bool = False  # web: the picture ends above the compose box (cut by the user)

    @property
    def kind(self) -> str:
        return "ios" if self.layout == "mobile" else self.layout

    @property
    def name(self) -> str:
        extra = ""
        if self.kind == "web":
            extra = ("-list" if self.thread_list else "") + ("-wide" if self.wide else "")
            extra += f"-{self.font}" + ("-cropped" if self.cropped else "")
        elif self.bubbles:
            extra = "-bubbles"
        return f"{self.kind}-{self.theme}-{self.scale:g}x-{self.thread}{extra}"


def render(spec: Spec) -> Image.Image:
    """Draw the screenshot described by `spec` (device pixels, before Telegram)."""
    if spec.kind == "web":
        return _render_web(spec)
    if spec.kind in ("ios", "android"):
        return _render_phone(spec)
    raise ValueError(spec.layout)


# Small drawing helpers: all coordinates in device pixels.


def _avatar(d: ImageDraw.ImageDraw, x: float, y: float, size: float, pal: Palette) -> None:
    """A photo-less avatar: a circle with a head-and-shoulders silhouette (no letters)."""
    d.ellipse((x, y, x + size, y + size), fill=pal.avatar)
    head = size * 0.36
    cx = x + size / 2
    d.ellipse(
        (cx - head / 2, y + size * 0.18, cx + head / 2, y + size * 0.18 + head), fill=pal.panel
    )
    d.chord(
        (x + size * 0.2, y + size * 0.58, x + size * 0.8, y + size * 1.05), 180, 360, fill=pal.panel
    )


def _dots(d: ImageDraw.ImageDraw, x: float, y: float, r: float, color: RGB) -> None:
    for i in range(3):
        cx = x + i * r * 3
        d.ellipse((cx - r, y - r, cx + r, y + r), fill=color)


def _icon(d: ImageDraw.ImageDraw, x: float, y: float, size: float, color: RGB, w: int) -> None:
    """A generic outlined glyph (camera, image, bell): a rounded square with a dot."""
    d.rounded_rectangle((x, y, x + size, y + size * 0.8), size * 0.18, outline=color, width=w)
    r = size * 0.14
    d.ellipse(
        (x + size / 2 - r, y + size * 0.4 - r, x + size / 2 + r, y + size * 0.4 + r), fill=color
    )


def _separator(
    d: ImageDraw.ImageDraw, text: str, x0: float, x1: float, y: float, fnt, pal: Palette, s: float
) -> None:
    """A centred day separator with hairlines either side ("TODAY", "Tuesday")."""
    tw = fnt.getlength(text)
    cx = (x0 + x1) / 2
    mid = y + fnt.size * 0.6
    d.line((x0, mid, cx - tw / 2 - 12 * s, mid), fill=pal.line, width=max(1, round(s)))
    d.line((cx + tw / 2 + 12 * s, mid, x1, mid), fill=pal.line, width=max(1, round(s)))
    d.text((cx - tw / 2, y), text, font=fnt, fill=pal.muted)


@dataclass(frozen=True)
class _Group:
    """One message in LinkedIn's list style; `head` > 0 when it opens a speaker's group."""

    name: str
    time: str
    lines: list[str]
    head: float
    avatar_x: float
    text_x: float
    s: float
    lh: float


def _draw_group(
    d: ImageDraw.ImageDraw, y: float, g: _Group, pal: Palette, f_name, f_small, f_body
) -> None:
    """Avatar and "Name · 10:42 AM" when the speaker changes, then the wrapped text."""
    if g.head:
        _avatar(d, g.avatar_x, y + 2 * g.s, 40 * g.s, pal)
        d.text((g.text_x, y), g.name, font=f_name, fill=pal.text)
        nw = f_name.getlength(g.name)
        d.text((g.text_x + nw + 6 * g.s, y + 2 * g.s), f"· {g.time}", font=f_small, fill=pal.muted)
    ty = y + g.head
    for line in g.lines:
        if line:
            d.text((g.text_x, ty), line, font=f_body, fill=pal.text)
        ty += g.lh


# ---------------------------------------------------------------------------------------------
# Phones
# ---------------------------------------------------------------------------------------------

# A drawing step of the conversation: its height and a function drawing it at a given y.
_Step = tuple[float, Callable[[ImageDraw.ImageDraw, float], None]]


def _render_phone(spec: Spec) -> Image.Image:
    ios = spec.kind == "ios"
    s = spec.scale
    pal = PALETTES[spec.theme]
    thread = THREADS[spec.thread]
    W_pt, H_pt = (390, 844) if ios else (412, 915)
    W, H = round(W_pt * s), round(H_pt * s)
    regular, bold = ("inter", "inter-bold") if ios else ("roboto", "roboto-bold")
    f_body = font(regular, 15 * s)
    f_name = font(bold, 15 * s)
    f_head = font(bold, 17 * s)
    f_small = font(regular, 12.5 * s)
    f_status = font(bold, (16 if ios else 14) * s)
    lh = 21 * s

    img = Image.new("RGB", (W, H), pal.panel)
    d = ImageDraw.Draw(img)

    # The conversation first, bottom-anchored between the header and the input bar.
    status_h = (50 if ios else 36) * s
    bar_h = 60 * s
    input_h = (90 if ios else 76) * s
    top, bottom = status_h + bar_h, H - input_h
    steps = _phone_steps(spec, thread, pal, s, f_body, f_name, f_small, lh, W)
    total = sum(h for h, _ in steps)
    card_h = 190 * s
    if total + card_h <= bottom - top:
        # The profile card that opens a conversation, centred: photo, name · 1st, headline.
        def card(cd: ImageDraw.ImageDraw, y: float) -> None:
            _avatar(cd, W / 2 - 36 * s, y + 16 * s, 72 * s, pal)
            title = f"{thread.sender} · 1st"
            cd.text(
                ((W - f_head.getlength(title)) / 2, y + 100 * s), title, font=f_head, fill=pal.text
            )
            for i, line in enumerate(wrap(thread.headline, f_small, W - 80 * s)[:2]):
                cd.text(
                    ((W - f_small.getlength(line)) / 2, y + (128 + 18 * i) * s),
                    line,
                    font=f_small,
                    fill=pal.muted,
                )

        card.message = None  # type: ignore[attr-defined]
        steps.insert(0, (card_h, card))
        total += card_h
    chat = Image.new("RGB", (W, round(max(total, bottom - top) + 16 * s)), pal.panel)
    cd = ImageDraw.Draw(chat)
    y = chat.height - total - 8 * s
    turn_top = None
    start, _end = thread.turn
    for h, draw in steps:
        draw(cd, y)
        if getattr(draw, "message", None) == start and turn_top is None:
            turn_top = y
        y += h
    visible = bottom - top
    crop_top = chat.height - visible
    if turn_top is not None and turn_top < crop_top:
        raise ValueError(f"{spec.name}: the sender's last turn does not fit on the screen")
    img.paste(chat.crop((0, round(crop_top), W, round(crop_top + visible))), (0, round(top)))

    # Status bar.
    if ios:
        clock = "9:41"
        cw = f_status.getlength(clock)
        d.text((54 * s - cw / 2, 15 * s), clock, font=f_status, fill=pal.text)
        bx = W - 30 * s - 27 * s
        d.rounded_rectangle(
            (bx, 18 * s, bx + 25 * s, 30 * s), 3.5 * s, outline=pal.muted, width=round(s)
        )
        if spec.battery:
            pct = font("inter-bold", 9 * s)
            d.rounded_rectangle((bx + 2 * s, 20 * s, bx + 23 * s, 28 * s), 2 * s, fill=pal.text)
            d.text((bx + 5 * s, 19.5 * s), "87", font=pct, fill=pal.panel)
        else:
            d.rounded_rectangle((bx + 2 * s, 20 * s, bx + 19 * s, 28 * s), 2 * s, fill=pal.text)
        g = font("inter-bold", 13 * s)
        gx = bx - 8 * s - g.getlength("5G")
        d.text((gx, 17 * s), "5G", font=g, fill=pal.text)
        for i in range(4):
            x = gx - 26 * s + i * 5 * s
            d.rounded_rectangle(
                (x, 30 * s - (i + 1) * 3 * s, x + 3.4 * s, 30 * s), s, fill=pal.text
            )
    else:
        d.text((18 * s, 10 * s), "10:24", font=f_status, fill=pal.text)
        pct = font("roboto", 13 * s)
        px = W - 16 * s - pct.getlength("87%")
        d.text((px, 11 * s), "87%", font=pct, fill=pal.text)
        bx = px - 12 * s
        d.rectangle((bx, 12 * s, bx + 7 * s, 25 * s), fill=pal.text)
        d.polygon(
            [(bx - 22 * s, 25 * s), (bx - 8 * s, 25 * s), (bx - 8 * s, 11 * s)], fill=pal.text
        )
        g = font("roboto-bold", 11 * s)
        d.text((bx - 42 * s, 12 * s), "5G", font=g, fill=pal.text)
        _icon(d, 78 * s, 13 * s, 12 * s, pal.muted, max(1, round(s)))  # a notification icon

    # Conversation header: back, avatar, name, subtitle, call and more icons.
    y0 = status_h
    mid = y0 + bar_h / 2
    w2 = max(1, round(2 * s))
    if ios:
        d.line(
            [(24 * s, mid - 10 * s), (14 * s, mid), (24 * s, mid + 10 * s)],
            fill=pal.accent,
            width=w2,
        )
    else:
        d.line([(14 * s, mid), (32 * s, mid)], fill=pal.text, width=w2)
        d.line(
            [(14 * s, mid), (22 * s, mid - 8 * s), (14 * s, mid), (22 * s, mid + 8 * s)],
            fill=pal.text,
            width=w2,
        )
    ax = 44 * s
    _avatar(d, ax, mid - 18 * s, 36 * s, pal)
    if spec.subtitle == "active":
        d.ellipse(
            (ax + 27 * s, mid + 9 * s, ax + 37 * s, mid + 19 * s),
            fill=pal.online,
            outline=pal.panel,
            width=w2,
        )
    nx = ax + 46 * s
    d.text((nx, y0 + 9 * s), thread.sender, font=f_head, fill=pal.text)
    if spec.subtitle == "active":
        sub = "Active now"
    else:
        sub = truncate(thread.headline, f_small, W - nx - 84 * s)
    d.text((nx, y0 + 33 * s), sub, font=f_small, fill=pal.muted)
    _icon(d, W - 76 * s, mid - 9 * s, 22 * s, pal.text, w2)
    _dots(d, W - 36 * s, mid, 2.4 * s, pal.text)
    d.line((0, y0 + bar_h, W, y0 + bar_h), fill=pal.line, width=max(1, round(s)))

    # Input bar, home indicator or gesture bar.
    iy = bottom
    d.line((0, iy, W, iy), fill=pal.line, width=max(1, round(s)))
    d.rounded_rectangle((14 * s, iy + 10 * s, W - 60 * s, iy + 46 * s), 18 * s, fill=pal.field)
    d.text((28 * s, iy + 19 * s), "Write a message…", font=f_body, fill=pal.muted)
    _icon(d, W - 48 * s, iy + 16 * s, 22 * s, pal.muted, w2)
    if ios:
        d.rounded_rectangle(
            (W / 2 - 67 * s, H - 13 * s, W / 2 + 67 * s, H - 8 * s), 3 * s, fill=pal.text
        )
    else:
        d.rounded_rectangle(
            (W / 2 - 54 * s, H - 12 * s, W / 2 + 54 * s, H - 8 * s), 2 * s, fill=pal.muted
        )
    return img


def _phone_steps(spec, thread, pal, s, f_body, f_name, f_small, lh, W) -> list[_Step]:
    """The conversation as drawing steps, top to bottom."""
    steps: list[_Step] = []

    def add(height: float, fn, message: int | None = None) -> None:
        fn.message = message  # type: ignore[attr-defined]
        steps.append((height, fn))

    def sep(text: str) -> None:
        add(
            40 * s,
            lambda d, y: _separator(d, text, 16 * s, W - 16 * s, y + 12 * s, f_small, pal, s),
        )

    x = 64 * s  # the text column of LinkedIn's list style
    sep(thread.day)
    previous: bool | None = None
    for index, message in enumerate(thread.messages):
        if message.day:
            sep(message.day)
            previous = None
        if spec.bubbles:
            max_text = W * 0.74 - 24 * s
            lines = layout_paragraphs(message.text, f_body, max_text)
            width = max(f_body.getlength(line) for line in lines if line)
            pad_x, pad_y = 12 * s, 9 * s
            bw, bh = width + 2 * pad_x, len(lines) * lh + 2 * pad_y

            def bubble(d, y, message=message, lines=lines, bw=bw, bh=bh, pad_x=pad_x, pad_y=pad_y):
                bx = W - 14 * s - bw if message.mine else 14 * s
                fill = pal.bubble_me if message.mine else pal.bubble_them
                ink = pal.on_bubble_me if message.mine else pal.text
                d.rounded_rectangle((bx, y, bx + bw, y + bh), 18 * s, fill=fill)
                ty = y + pad_y
                for line in lines:
                    if line:
                        d.text((bx + pad_x, ty), line, font=f_body, fill=ink)
                    ty += lh
                stamp = message.time
                tw = f_small.getlength(stamp)
                tx = bx + bw - tw - 4 * s if message.mine else bx + 4 * s
                d.text((tx, y + bh + 4 * s), stamp, font=f_small, fill=pal.muted)

            add(bh + 30 * s, bubble, index)
        else:
            # LinkedIn's own list: avatar and "Name · 10:42 AM" when the speaker changes.
            lines = layout_paragraphs(message.text, f_body, W - x - 16 * s)
            new = message.mine != previous
            head = 26 * s if new else 0

            def listed(d, y, message=message, lines=lines, head=head):
                name = thread.user if message.mine else thread.sender
                group = _Group(name, message.time, lines, head, 14 * s, x, s, lh)
                _draw_group(d, y, group, pal, f_name, f_small, f_body)

            add(head + len(lines) * lh + (16 if new else 8) * s, listed, index)
        previous = message.mine
    if thread.messages[-1].mine:
        # "Seen": the other person's tiny avatar under the user's last message.
        add(20 * s, lambda d, y: _avatar(d, W - 30 * s, y + 2 * s, 14 * s, pal))
    return steps


# ---------------------------------------------------------------------------------------------
# Desktop browser
# ---------------------------------------------------------------------------------------------

_OTHER_THREADS = (
    ("Olivia Brandt", "Mar 2", "Olivia: Thanks again for the intro, talk soon!"),
    ("Chris Nolan", "Feb 27", "You: Sounds good, see you at the meetup."),
    ("LinkedIn Premium", "Feb 20", "Sponsored: Try Premium for $0 this month"),
    ("Hannah Fischer", "Feb 14", "Hannah: Could you review my resume?"),
)


def _render_web(spec: Spec) -> Image.Image:
    s = spec.scale
    pal = PALETTES[spec.theme]
    thread = THREADS[spec.thread]
    regular, bold = (spec.font, f"{spec.font}-bold")
    W, H = round((1440 if spec.wide else 1280) * s), round(800 * s)
    f_body = font(regular, 14 * s)
    f_name = font(bold, 14 * s)
    f_small = font(regular, 12 * s)
    f_head = font(bold, 16 * s)
    lh = 20 * s
    w1 = max(1, round(s))

    img = Image.new("RGB", (W, H), pal.page)
    d = ImageDraw.Draw(img)

    # Global navigation: logo, search, icons with labels.
    nav_h = 52 * s
    content_w = 1128 * s
    left = (W - content_w) / 2
    right = left + content_w
    d.rectangle((0, 0, W, nav_h), fill=pal.panel)
    d.line((0, nav_h, W, nav_h), fill=pal.line, width=w1)
    d.rounded_rectangle((left, 10 * s, left + 34 * s, 44 * s), 4 * s, fill=pal.accent)
    d.text((left + 8 * s, 14 * s), "in", font=font(bold, 20 * s), fill=pal.on_accent)
    d.rounded_rectangle((left + 42 * s, 10 * s, left + 322 * s, 44 * s), 4 * s, fill=pal.field)
    d.text((left + 76 * s, 18 * s), "Search", font=f_body, fill=pal.muted)
    labels = ("Home", "My Network", "Jobs", "Messaging", "Notifications", "Me", "For Business")
    x = right - sum(f_small.getlength(lb) + 30 * s for lb in labels)
    for label in labels:
        lw = f_small.getlength(label)
        ink = pal.text if label == "Messaging" else pal.muted
        _icon(d, x + lw / 2 - 11 * s, 6 * s, 22 * s, ink, w1)
        d.text((x, 32 * s), label, font=f_small, fill=ink)
        x += lw + 30 * s

    top = nav_h + 24 * s
    box_bottom = H - 8 * s
    d.rounded_rectangle((left, top, right, box_bottom), 8 * s, fill=pal.panel)
    # Pane header row: "Messaging", then the conversation's name and headline.
    list_w = 420 * s if spec.thread_list else 0
    pane_x0 = left + list_w
    head_h = 62 * s
    if spec.thread_list:
        d.text((left + 14 * s, top + 12 * s), "Messaging", font=f_head, fill=pal.text)
        _dots(d, left + list_w - 70 * s, top + 24 * s, 2.4 * s, pal.muted)
        _icon(d, left + list_w - 40 * s, top + 14 * s, 20 * s, pal.muted, w1)
        d.line((left, top + 48 * s, left + list_w, top + 48 * s), fill=pal.line, width=w1)
        d.rounded_rectangle(
            (left + 12 * s, top + 58 * s, left + list_w - 12 * s, top + 88 * s),
            4 * s,
            fill=pal.field,
        )
        d.text((left + 40 * s, top + 65 * s), "Search messages", font=f_body, fill=pal.muted)
        px = left + 12 * s
        for i, pill in enumerate(("Focused", "Unread", "My Connections", "InMail", "Starred")):
            pw = f_small.getlength(pill) + 22 * s
            if px + pw > left + list_w - 12 * s:
                break
            fill = pal.online if i == 0 else None
            ink = pal.panel if i == 0 else pal.muted
            d.rounded_rectangle(
                (px, top + 98 * s, px + pw, top + 126 * s),
                14 * s,
                fill=fill,
                outline=pal.muted,
                width=w1,
            )
            d.text((px + 11 * s, top + 104 * s), pill, font=f_small, fill=ink)
            px += pw + 8 * s
        last = thread.messages[-1]
        who = "You" if last.mine else thread.first_name
        items = [(thread.sender, thread.listed, f"{who}: {last.text}"), *_OTHER_THREADS]
        iy = top + 138 * s
        for i, (name, when, snippet) in enumerate(items):
            if iy + 72 * s > box_bottom:
                break
            if i == 0:
                d.rectangle((left, iy - 8 * s, left + list_w, iy + 64 * s), fill=pal.field)
                d.rectangle((left, iy - 8 * s, left + 3 * s, iy + 64 * s), fill=pal.online)
            _avatar(d, left + 12 * s, iy, 56 * s, pal)
            d.text((left + 80 * s, iy + 2 * s), name, font=f_body, fill=pal.text)
            ww = f_small.getlength(when)
            d.text((left + list_w - 14 * s - ww, iy + 4 * s), when, font=f_small, fill=pal.muted)
            snip = truncate(" ".join(snippet.split()), f_small, list_w - 100 * s)
            d.text((left + 80 * s, iy + 26 * s), snip, font=f_small, fill=pal.muted)
            iy += 80 * s
        d.line((pane_x0, top, pane_x0, box_bottom), fill=pal.line, width=w1)

    # Conversation header.
    hx = pane_x0 + 16 * s
    d.text((hx, top + 10 * s), thread.sender, font=f_head, fill=pal.text)
    if spec.subtitle == "active":
        d.ellipse((hx, top + 38 * s, hx + 8 * s, top + 46 * s), fill=pal.online)
        sub_x, sub = hx + 14 * s, "Active now"
    else:
        sub_x, sub = hx, truncate(thread.headline, f_small, right - hx - 140 * s)
    d.text((sub_x, top + 34 * s), sub, font=f_small, fill=pal.muted)
    _dots(d, right - 110 * s, top + 28 * s, 2.4 * s, pal.muted)
    _icon(d, right - 80 * s, top + 18 * s, 20 * s, pal.muted, w1)
    _icon(d, right - 46 * s, top + 18 * s, 20 * s, pal.muted, w1)
    d.line((pane_x0, top + head_h, right, top + head_h), fill=pal.line, width=w1)

    # Messages, bottom-anchored above the compose box.
    compose_h = 128 * s
    area_top, area_bottom = top + head_h + 1, box_bottom - compose_h
    text_x = pane_x0 + 72 * s
    text_w = right - text_x - 40 * s
    steps: list[tuple[float, Callable, int | None]] = []

    def sep(text: str) -> None:
        steps.append(
            (
                44 * s,
                lambda dd, y: _separator(
                    dd, text, pane_x0 + 16 * s, right - 16 * s, y + 14 * s, f_small, pal, s
                ),
                None,
            )
        )

    # The profile card opens a conversation; drawn when the whole thread is short.
    card = lambda dd, y: _web_card(dd, thread, pane_x0, y, s, pal, f_head, f_body, f_small)  # noqa: E731
    sep(thread.day)
    previous: bool | None = None
    for index, message in enumerate(thread.messages):
        if message.day:
            sep(message.day)
            previous = None
        lines = layout_paragraphs(message.text, f_body, text_w)
        new = message.mine != previous
        head = 24 * s if new else 0

        def draw(dd, y, message=message, lines=lines, head=head):
            name = thread.user if message.mine else thread.sender
            group = _Group(name, message.time, lines, head, pane_x0 + 16 * s, text_x, s, lh)
            _draw_group(dd, y, group, pal, f_name, f_small, f_body)

        steps.append((head + len(lines) * lh + (18 if new else 8) * s, draw, index))
        previous = message.mine
    total = sum(h for h, _, _ in steps)
    card_h = 150 * s
    if total + card_h <= area_bottom - area_top:
        steps.insert(0, (card_h, card, None))
        total += card_h
    chat = Image.new("RGB", (W, round(max(total, area_bottom - area_top) + 8 * s)), pal.panel)
    cd = ImageDraw.Draw(chat)
    y = chat.height - total - 8 * s
    start, _end = thread.turn
    turn_top = None
    for h, draw, index in steps:
        draw(cd, y)
        if index == start and turn_top is None:
            turn_top = y
        y += h
    visible = area_bottom - area_top
    crop_top = chat.height - visible
    if turn_top is not None and turn_top < crop_top:
        raise ValueError(f"{spec.name}: the sender's last turn does not fit on the screen")
    strip = chat.crop(
        (round(pane_x0 + 2), round(crop_top), round(right - 2), round(crop_top + visible))
    )
    img.paste(strip, (round(pane_x0 + 2), round(area_top)))

    # Compose box and its toolbar.
    cy = area_bottom
    d.line((pane_x0, cy, right, cy), fill=pal.line, width=w1)
    d.rounded_rectangle(
        (pane_x0 + 12 * s, cy + 10 * s, right - 12 * s, cy + 74 * s), 6 * s, fill=pal.field
    )
    d.text((pane_x0 + 24 * s, cy + 20 * s), "Write a message…", font=f_body, fill=pal.muted)
    by = cy + 90 * s
    d.line((pane_x0, by - 6 * s, right, by - 6 * s), fill=pal.line, width=w1)
    for i in range(3):
        _icon(d, pane_x0 + (16 + 34 * i) * s, by + 2 * s, 18 * s, pal.muted, w1)
    d.text((pane_x0 + 120 * s, by + 3 * s), "GIF", font=font(bold, 11 * s), fill=pal.muted)
    sx = right - 110 * s
    d.rounded_rectangle((sx, by, sx + 60 * s, by + 26 * s), 13 * s, fill=pal.accent)
    d.text((sx + 15 * s, by + 5 * s), "Send", font=f_small, fill=pal.on_accent)
    _dots(d, right - 32 * s, by + 13 * s, 2 * s, pal.muted)
    return img.crop((0, 0, W, round(area_bottom))) if spec.cropped else img


def _web_card(
    d, thread: Thread, x0: float, y: float, s: float, pal: Palette, f_head, f_body, f_small
) -> None:
    """The profile card at the start of a conversation: photo, name · 1st, headline."""
    _avatar(d, x0 + 16 * s, y + 16 * s, 72 * s, pal)
    d.text((x0 + 100 * s, y + 22 * s), f"{thread.sender} · 1st", font=f_head, fill=pal.text)
    d.text((x0 + 100 * s, y + 48 * s), thread.headline, font=f_body, fill=pal.muted)
    d.text((x0 + 100 * s, y + 72 * s), "View profile", font=f_body, fill=pal.accent)


# ---------------------------------------------------------------------------------------------
# Telegram's recompression, and the test set
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
    """The test set: eight screens per layout (iPhone, Android, web), light and dark, every
    thread twice, in varied headers, message styles, scales and JPEG qualities; and a long
    thread in each, scrolled so that its top is cut off."""
    names = [name for name in THREADS if name != "meridian"]
    specs: list[Spec] = []
    for j, kind in enumerate(("ios", "android", "web")):
        for n in range(8):
            thread = names[(n + 4 * j) % len(names)]
            theme = ("light", "dark")[(n + j) % 2]
            quality = (80, 84, 87, 82)[(n + j) % 4]
            subtitle = ("headline", "active")[(n // 2) % 2]
            if kind == "web":
                specs.append(
                    Spec(
                        "web",
                        theme,
                        (1, 2)[n % 2],
                        thread,
                        thread_list=n % 4 != 3,
                        subtitle=subtitle,
                        quality=quality,
                        wide=n % 3 == 1,
                        font=("inter", "dejavu")[(n // 3) % 2],
                        cropped=n in (2, 5),
                    )
                )
            else:
                scale = (3, 2)[n % 3 == 2] if kind == "ios" else 2.625
                specs.append(
                    Spec(
                        kind,
                        theme,
                        scale,
                        thread,
                        bubbles=n % 3 == 1,
                        subtitle=subtitle,
                        battery=n % 2 == 0,
                        quality=quality,
                    )
                )
    # A long thread, scrolled: the first lines on screen are cut off under the header.
    specs.append(Spec("ios", "dark", 3, "meridian", battery=True, quality=85))
    specs.append(Spec("android", "light", 2.625, "meridian", bubbles=True, subtitle="active"))
    specs.append(Spec("web", "light", 2, "meridian", quality=83))
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
