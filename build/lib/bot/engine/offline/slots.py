"""Slots for the offline drafts: the sender's first name, what they offer, what they ask.

Everything here is a best effort that prefers None to a wrong guess: a reply that says
"Hi Thanks," or "I'm not looking for your amazing opportunity" is worse than a nameless one.
All functions are pure, never raise on any str, and use only linear regexes on capped text.
"""

from __future__ import annotations

import re

from bot.engine.offline.prefilter import Prefilter
from bot.models import Category
from bot.text import names

# Words that look like a name in a sign-off position but are not one.
_NOT_NAMES = frozenset(
    """
    thanks thank thx ty best regards cheers sincerely yours kind warm warmest many all team
    support sales person department office staff admin administrator recruitment hr hi hello
    hey dear greetings good great happy glad sorry hope just looking reaching writing
    currently interested excited here the a an and or but for from with this that your you
    my our we they he she it its i me us them name first last full company regards
    best-regards respectfully faithfully truly love xoxo talk soon see later linkedin github
    google facebook microsoft apple amazon paypal customer user owner manager director ceo
    cto founder recruiter partner partnerships mr mrs ms miss dr sir madam webmaster info
    contact email mail phone mobile please kindly note ps always still also very really so
    not no yes ok okay sent regarding re fwd subject reference enclosure enclosures
    attachment signature encl cc bcc p.s
    """.split()  # noqa: SIM905
)
_TITLES = r"(?i:mr|mrs|ms|miss|dr|prof|sgt|sergeant|capt|captain|attorney|barrister|rev|sir)\.?"
_SIGNOFF = re.compile(
    r"^\s*(?:best(?:\s+(?:regards|wishes))?|kind(?:est)?\s+regards|warm(?:est)?\s+regards|"
    r"regards|many\s+thanks|thanks(?:\s+(?:much|again|and\s+regards|so\s+much))?|"
    r"thank\s+you|cheers|sincerely|yours(?:\s+(?:truly|faithfully|sincerely))?|"
    r"(?:all\s+the\s+)?best|rgds|br|respectfully|talk\s+soon|warmly|take\s+care)"
    r"\s*[,.!:\-–—]*\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# A name token: capitalised word, optionally hyphenated (Anne-Marie, O'Neil).
_NAME_TOKEN = re.compile(
    r"(?:" + _TITLES + r"\s+)?(?P<name>[A-Za-z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)\b"
)
_INTRO = re.compile(
    r"\b(?:I['’]?m|I\s+am|my\s+name\s+is|my\s+name['’]s|this\s+is|it['’]?s)\s+"
    r"(?:" + _TITLES + r"\s+)?(?P<name>[A-Za-z][a-z]+(?:[-'’][A-Z]?[a-z]+)?)"
    r"(?P<after>[^\n]{0,25})",
    re.IGNORECASE,
)
# After "I'm X" something that shows X is a name and not "I'm writing", "I'm the new ...".
_INTRO_TAIL = re.compile(
    r"^\s*(?:[A-Z][a-z]+\s*)?(?:,|\.|!|\(|-|–|—|from\b|at\b|with\b|here\b|and\s+I\b|$)"
)


def _clean_name(token: str | None) -> str | None:
    """A name found in a sign-off or an introduction, judged by the shared cleaner too."""
    if not token:
        return None
    token = token.strip(" .,!-–—'’")
    if len(token) > 20 or token.lower() in _NOT_NAMES:
        return None
    return names.first_name(token)


def _name_from_line(line: str) -> str | None:
    """A signature line like "Nate", "Eric [Name]", "Sgt. Rebecca." or "Scott Morgan."."""
    line = line.strip()
    if not line or len(line) > 40 or line[0] in "[{(<_":
        return None
    if re.search(r"\b(team|support|department|office|center|centre|inc|ltd|llc)\b", line, re.I):
        return None
    m = _NAME_TOKEN.match(line)
    if not m:
        return None
    rest = line[m.end() :].strip()
    # Allow a surname, a redaction or a short role after the first name, nothing sentence-like.
    if rest and not re.fullmatch(
        r"(?:[A-Z][\w'’-]*\.?|\[[^\]]{0,20}\]|[,.|/-].{0,30})?\s*[.,]?", rest
    ):
        return None
    name = m.group("name")
    # A sign-off name must look like a name: capitalised in the text, unless it is the
    # whole line after an explicit sign-off (handled by the caller).
    return _clean_name(name)


def sender_name(text: str) -> str | None:
    """The sender's first name from a sign-off or a self-introduction; None when unsure."""
    text = text[:20000]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    tail = lines[-6:]
    # 1. A sign-off ("Best,") followed by the name on the same or the next line.
    for i, line in enumerate(tail):
        m = _SIGNOFF.match(line)
        if not m or len(line) > 60:
            continue
        rest = m.group("rest").strip()
        candidate = rest or (tail[i + 1] if i + 1 < len(tail) else "")
        name = _name_from_line(candidate)
        if name:
            return name
    # 2. Self-introduction: "I'm Emma from ...", "My name is Mark.", "this is robinson from".
    for m in _INTRO.finditer(text[:4000]):
        raw = m.group("name")
        cue = m.group(0).lower()
        explicit = cue.startswith("my name")
        if not explicit:
            # "I'm X" needs a capitalised X followed by a name-ish boundary.
            if not _INTRO_TAIL.match(m.group("after")):
                continue
            if not raw[0].isupper() and not re.match(r"\s+from\b", m.group("after")):
                continue
        name = _clean_name(raw)
        if name:
            return name
    # 3. A bare last line that is just a name ("Eric", "Mark Z"), after a message body.
    if len(lines) >= 2:
        last = lines[-1]
        if re.fullmatch(
            r"(?:" + _TITLES + r"\s+)?[A-Z][a-z]+(?:\s+(?:[A-Z][\w'’-]*|\[[^\]]{0,20}\]))?\.?", last
        ):
            return _name_from_line(last)
    return None


# What they offer, as a phrase for "I'm not looking for {offer}". First match wins, so the
# more specific kinds come first.
OFFERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (phrase, re.compile(rx, re.IGNORECASE))
    for phrase, rx in (
        (
            "a link exchange",
            r"\b(?:exchang\w*|swap\w*|trad\w*)\s+links?\b|\blink\s+(?:exchange|swap)"
            r"|\breciprocal\s+link",
        ),
        ("guest posting", r"\bguest\s+(?:post|article|blog)|\bpost\s+my\s+(?:writing|article)"),
        ("lead generation", r"\blead[- ]?gen|\bleads\b|\bappointment\s+setting"),
        (
            "SEO services",
            r"\bseo\b|\bsearch\s+engine\s+optimi[sz]|\bfirst\s+page\s+of\s+google|\bgoogle\s+rank",
        ),
        (
            "web design",
            r"\bweb\s?site\s+(?:re)?design|\b(?:re)?design\w*\s+(?:your|a\s+new)\s+web\s?site"
            r"|\bweb\s+design",
        ),
        (
            "app development",
            r"\bapp\s+development|\bmobile\s+apps?\b|\bdevelop\w*\s+(?:your|a\s+custom)\s+app",
        ),
        (
            "outsourcing",
            r"\boutsourc|\boffshore\s+(?:team|development)|\bdedicated\s+(?:developers|team)"
            r"|\bstaff\s+augmentation",
        ),
        (
            "contact lists",
            r"\b(?:e-?mail|contact|attendee|b2b|decision[- ]maker)\s+(?:lists?|database)",
        ),
        (
            "AI automation",
            r"\b(?:ai|automation)\s+(?:systems?|agents?|tools?|solutions?)|\bautomation\b",
        ),
        (
            "marketing services",
            r"\b(?:digital|social\s+media|content|growth|email)\s+marketing"
            r"|\bmarketing\s+(?:services|agency|solutions)",
        ),
        ("payroll services", r"\bpayroll\b"),
        ("a software demo", r"\bdemo\b"),
        (
            "candidate introductions",
            r"\btalk\s+talent\b|\b(?:creative|digital|tech|top)\s+talent\b",
        ),
        ("a partnership", r"\bpartnership|\bpartner\s+ecosystem|\bsynerg"),
    )
)
_OFFER_FILTER = Prefilter([rx.pattern for _, rx in OFFERS])
_JOB = re.compile(r"\b(?:role|position|job|opportunit\w+|hiring|vacanc\w+)\b", re.IGNORECASE)


def offer(text: str, category: Category) -> str | None:
    """What they sell or offer, or None when unsure or when echoing it would be unwise."""
    if category in (Category.scam, Category.genuine):
        return None  # never echo a scam's bait; genuine senders are not selling
    found = (OFFERS[i] for i in _OFFER_FILTER.candidates(text))
    if category is Category.recruiting:
        for phrase, rx in found:
            if phrase == "candidate introductions" and rx.search(text):
                return "recruiting services"
        return "a new role" if _JOB.search(text) else None
    for phrase, rx in found:
        if rx.search(text):
            return phrase
    return None


_MINUTES = re.compile(
    r"\b(\d{1,2})(?:\s?[-–]\s?(\d{1,2}))?[- ]?min(?:ute)?s?\b[^.?!\n]{0,30}?"
    r"\b(call|chat|conversation|meeting|demo|zoom|interview|speak|talk)\b",
    re.IGNORECASE,
)
# What they ask for, as a phrase for "I'll pass on {ask}". Ordered: specific favours first.
ASKS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (phrase, re.compile(rx, re.IGNORECASE))
    for phrase, rx in (
        (
            "a link exchange",
            r"\b(?:exchang\w*|swap\w*|trad\w*)\s+links?\b|\blink\s+(?:exchange|swap)"
            r"|\breciprocal\s+link|\bplace\s+(?:a\s+|my\s+"
            r"|our\s+)?(?:simple\s+)?(?:client['’]?s\s+)?link|\blink\s+directory",
        ),
        (
            "a guest post",
            r"\bguest\s+(?:post|article|blog)|\bpost\s+my\s+(?:writing|article)"
            r"|\bwrite\s+an?\s+articles?\s+for\s+your",
        ),
        ("a blurb for your book", r"\bblurb\b"),
        ("a testimonial", r"\btestimonial"),
        ("an endorsement", r"\bendorse"),
        (
            "a review",
            r"\b(?:write|leave|give)\s+(?:me\s+|us\s+)?an?\s+(?:short\s+|quick\s+)?review"
            r"|\breview\s+(?:my|our)\s+(?:product|app|book)",
        ),
        ("a recommendation", r"\b(?:write|give)\s+(?:me\s+)?an?\s+recommendation"),
        (
            "feedback on your product",
            r"\bfeedback\b|\b(?:provide|give|share)\s+(?:me\s+)?(?:some\s+|your\s+)?thoughts"
            r"|\bwould\s+you\s+(?:mind\s+)?(?:watch|review|test|try|evaluate)"
            r"|\btake\s+a\s+(?:quick\s+)?look\s+at\s+my|\bvalidat",
        ),
        (
            "answers to a survey",
            r"\bsurvey\b|\bquestionnaire\b|\banswer\w*\s+(?:a\s+few|some|\d+|three|two"
            r"|five)\s+(?:quick\s+)?questions",
        ),
        ("mentorship", r"\bmentor(?:ship|ing)\b"),
        (
            "an introduction",
            r"\b(?:introduce|refer|connect)\s+me\s+to\b|\bintroduction\s+to\s+(?:someone|anyone"
            r"|your)",
        ),
        ("a referral", r"\bif\s+you\s+know\s+(?:of\s+)?(?:anyone|someone)|\brefer(?:ral)?\b"),
        ("your CV", r"\b(?:resume|résumé|\bcv\b)"),
        ("an informational interview", r"\binformational\s+interview"),
        ("a coffee", r"\bcoffee\b"),
        (
            "a quick call",
            r"\b(?:quick|brief|short)\s+(?:call|chat|conversation|zoom)|\bhop\s+on\s+a\s+call"
            r"|\bjump\s+on\s+a\s+call",
        ),
        ("a phone call", r"\bphone\s+(?:call|conversation)|\bcall\s+me\b"),
        ("a call", r"\b(?:a|the)\s+call\b|\bcalendly|\bcalendar[_ ]link|\bmy\s+cal\b"),
        ("a meeting", r"\bmeet(?:ing)?\b"),
        ("a chat", r"\bchat\b|\bconversation\b|\bspeak\s+with\s+you|\btalk\s+with\s+you"),
        ("a connection", r"\bconnect(?:ing)?\b|\bmy\s+network\b"),
    )
)
# Which asks make sense for which category (a recruiter's "chat" is still a call).
_CATEGORY_ASKS: dict[Category, frozenset[str]] = {
    Category.favor_request: frozenset(
        {
            "a link exchange",
            "a guest post",
            "a blurb for your book",
            "a testimonial",
            "an endorsement",
            "a review",
            "a recommendation",
            "feedback on your product",
            "answers to a survey",
            "mentorship",
            "an introduction",
            "a referral",
            "a quick call",
            "a call",
            "a chat",
            "a coffee",
            "a meeting",
        }
    ),
    Category.meeting_request: frozenset(
        {
            "an informational interview",
            "a coffee",
            "a quick call",
            "a phone call",
            "a call",
            "a meeting",
            "a chat",
        }
    ),
    Category.sales_pitch: frozenset(
        {
            "a coffee",
            "a quick call",
            "a phone call",
            "a call",
            "a meeting",
            "a chat",
            "a connection",
        }
    ),
    Category.recruiting: frozenset(
        {"your CV", "a referral", "a quick call", "a phone call", "a call", "a chat", "a coffee"}
    ),
}


_ASK_FILTER = Prefilter([rx.pattern for _, rx in ASKS])


def ask(text: str, category: Category) -> str | None:
    """What they want from the recipient, or None (never for scams: we don't echo the bait)."""
    allowed = _CATEGORY_ASKS.get(category)
    if not allowed:
        return None
    if category is not Category.favor_request or not re.search(r"feedback|thoughts", text, re.I):
        m = _MINUTES.search(text)
        if m:
            span = m.group(1) + (f"-{m.group(2)}" if m.group(2) else "")
            kind = m.group(3).lower()
            kind = "call" if kind in ("zoom", "conversation", "chat", "speak", "talk") else kind
            return f"a {span}-minute {kind}"
    for index in _ASK_FILTER.candidates(text):
        phrase, rx = ASKS[index]
        if phrase in allowed and rx.search(text):
            if category is Category.recruiting and phrase in ("a call", "a chat", "a quick call"):
                return "a call about a role"
            return phrase
    return None
