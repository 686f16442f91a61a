"""Slots for the offline drafts: the sender's first name, what they offer, what they ask.

Everything here is a best effort that prefers None to a wrong guess: a reply that says
"Hi Thanks," or "I'm not looking for your amazing opportunity" is worse than a nameless one.
All functions are pure, never raise on any str, and use only linear regexes on capped text.
"""

from __future__ import annotations

import re
from enum import StrEnum

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
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")
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
    if tail:
        # A message pasted as one line ends "... a quick call? Best, Priya": its last
        # sentence is the sign-off.
        last = _SENTENCE_BREAK.split(tail[-1])[-1]
        if last != tail[-1]:
            tail.append(last)
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


# --------------------------------------------------------------------------- genuine messages
#
# A real contact's message gets a reply to what it says, so the draft needs to know what
# kind of message it is and the few facts it may quote back: the question, the ask, a named
# mutual contact, the event where they met. Each reader returns None rather than guess: a
# reply that quotes the wrong thing back is worse than one that quotes nothing.


class GenuineKind(StrEnum):
    no_reply = "no_reply"  # "no need to reply": a short warm line
    reference = "reference"  # asks the user to be a reference or write a recommendation
    introduction = "introduction"  # introduces someone, or was sent by a mutual contact
    invitation = "invitation"  # invites the user to speak, join, attend
    question = "question"  # asks the user something
    request = "request"  # asks the user for a specific thing (slides, a look at a PR)
    catch_up = "catch_up"  # an old contact getting back in touch
    sharing = "sharing"  # passes on an article, news, a link
    thanks = "thanks"  # thanks, congratulations, a fan note
    note = "note"  # anything else that is friendly


_S = r"[^.!?\n]"  # inside one sentence
_NO_REPLY = re.compile(
    r"\bno\s+need\s+to\s+(?:reply|respond|answer|write\s+back|get\s+back)"
    r"|\b(?:don['’]?t|do\s+not)\s+(?:feel\s+(?:you\s+)?(?:need|have)\s+to|need\s+to|bother\s+(?:to\s+)?)"
    r"\s*(?:reply|respond|answer|write\s+back)"
    r"|\bno\s+(?:reply|response|answer)\s+(?:needed|necessary|required|expected)",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"\b(?:be|serve\s+as|act\s+as|list\s+you\s+as|use\s+you\s+as|name\s+you\s+as)\s+(?:a|my|one\s+of\s+my)"
    r"\s+(?:\w+\s+)?(?:references?|referees?)\b"
    r"|\bletters?\s+of\s+(?:recommendation|reference)\b|\b(?:recommendation|reference)\s+letter"
    r"|\bwrite\s+(?:me\s+)?(?:a\s+)?(?:short\s+)?(?:recommendation|reference)\b"
    r"|\bvouch\s+for\s+me\b|\bbe(?:ing)?\s+(?:a|one|my)\s+(?:of\s+(?:my|the)\s+)?references?\b"
    r"|\b(?:asked\s+for|need|needs|provide)\s+(?:\w+\s+){0,3}?references\b",
    re.IGNORECASE,
)
_INTRODUCTION = re.compile(
    r"\b(?:introduc(?:e|ing)\s+(?:you|myself|two)|wanted\s+to\s+(?:connect|introduce)\s+you"
    r"|(?:suggested|recommended|told\s+me)\s+(?:that\s+)?(?:I|we)\s+(?:should\s+)?"
    r"(?:reach\s+out|get\s+in\s+touch|contact|write|connect|talk|speak)"
    r"|referred\s+(?:me|us)\s+to\s+you|(?:mutual|common)\s+(?:friend|contact|connection)"
    r"|(?:your\s+name\s+came\s+up)|let\s+you\s+(?:two\s+|both\s+)?take\s+it\s+from\s+here"
    r"|connecting\s+you\s+(?:two|both)|(?:want|like)\s+you\s+(?:two\s+|both\s+)?to\s+meet)",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"\b(?:invite|inviting)\s+you\b|\binvitation\s+to\b"
    r"|\bwould\s+you\s+(?:like|be\s+(?:willing|interested|open|available))\s+to\s+"
    r"(?:speak|join|give|present|come|attend|be\s+(?:a|our|on))"
    r"|\b(?:give|giving|do|doing)\s+a\s+(?:short\s+)?(?:talk|keynote|guest\s+lecture)\b"
    r"|\bbe\s+(?:a|our)\s+(?:guest|speaker|panell?ist|keynote)",
    re.IGNORECASE,
)
_CATCH_UP = re.compile(
    r"\b(?:to|and|let['’]?s|should|could|would\s+love\s+to)\s+catch\s+up\b|\bcatch\s+up\s+(?:soon|sometime|over)\b|\bit['’]?s\s+been\s+(?:a\s+while|ages|too\s+long|a\s+long\s+time)"
    r"|\blong\s+time\s+no\b|\bhow\s+have\s+you\s+been\b|\bhow\s+are\s+(?:things|you\s+doing)\b"
    r"|\bwhat['’]?s\s+been\s+up\s+with\s+you\b|\bwhat\s+have\s+you\s+been\s+up\s+to\b"
    r"|\bhow['’]?s\s+life\b|\b(?:hadn['’]?t|haven['’]?t)\s+(?:talked|spoken)\b",
    re.IGNORECASE,
)
_SHARING = re.compile(
    r"\bthought\s+(?:you['’]?d|you\s+would|you\s+might|of\s+you)\b|\bwanted\s+to\s+share\b"
    r"|\b(?:pass|passing)\s+(?:it|this)\s+on\b|\byou\s+may\s+have\s+seen\s+this\b"
    r"|\bsharing\s+(?:this|an?\s+\w+)\b|\bFYI\b|\bhere['’]?s\s+the\b|\bhere\s+is\s+the\b|\bin\s+case\s+(?:it['’]?s\s+useful|you\s+missed)",
    re.IGNORECASE,
)
_THANKS = re.compile(
    r"\bthank|\bgrateful\b|\bgratitude\b|\bappreciat|\bcongrat|\bkudos\b|\bmeant\s+a\s+lot"
    r"|\bloved\s+(?:your|the)\b|\bmerci\b|\bdanke\b|\bgracias\b|\bgrazie\b",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    # a sentence start by lookbehind: "[.!?\n]\s*" would rescan a run of blank lines
    r"(?:^|(?<=[.!?\n])|(?<=[.!?\n]\s))(?P<q>(?:[\w'’,]+\s+){0,3}?"
    r"(?:what|which|how|where|when|who|why|whether|do|does|did|is|are|was|were|have|has|should|would|could|can|will|any)"
    r"\b" + _S + r"{1,160}\?)",
    re.IGNORECASE,
)
_WONDER = re.compile(
    r"\b(?:I['’]?d|I\s+would)\s+(?:like|love)\s+to\s+know\b|\bwondering\s+(?:if|whether|what|how)\b"
    r"|\b(?:could|can|would)\s+you\s+(?:please\s+)?(?:tell|let\s+me\s+know|explain|advise)\b",
    re.IGNORECASE,
)
_ANY_REQUEST = re.compile(
    r"\b(?:could|can|would)\s+you\s+(?:please\s+|kindly\s+)?(?!be\b|have\b|like\b|love\b|mind\b)[a-z]{3,}\b"
    r"[^.!?\n]{0,120}\?",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\b(?:could|can|would|will)\s+you\s+(?:please\s+|kindly\s+|possibly\s+)?"
    r"(?P<verb>send|share|forward|pass\s+on|review|look\s+at|take\s+a\s+(?:quick\s+)?look\s+at"
    r"|check|give\s+me|lend\s+me|recommend|suggest|point\s+me\s+to|help\s+(?:me\s+)?with)"
    r"\s+(?:me\s+|us\s+|over\s+)?(?P<what>" + _S + r"{2,80}?)"
    r"(?=\s+(?:when|if|whenever|before|by|once|so|as)\b|[,.!?\n]|$)"
    r"|\bplease\s+(?P<verb2>send|share|forward)\s+(?:me\s+|us\s+|over\s+)?"
    r"(?P<what2>" + _S + r"{2,80}?)"
    r"(?=\s+(?:when|if|whenever|before|by|once|so|as)\b|[,.!?\n]|$)",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"(?:them|it|those|these|that|this|one)", re.IGNORECASE)
_NAMED_THING = re.compile(
    r"\b(?:share|send|forward|pass\s+on|show)\s+(?:me\s+|us\s+)?(?P<x>(?:the|your|my|those|these)\s+"
    r"[\w-]+(?:\s+(?!with\b|to\b|when\b|if\b)[\w-]+)?)",
    re.IGNORECASE,
)
_MEET = re.compile(
    r"\b(?:grab|get|have)\s+(?:a\s+)?(?:coffee|lunch|drink|dinner|beer)\b|\bcoffee\s+(?:sometime|soon|next)"
    r"|\b(?:quick|short|brief|phone|video|zoom)\s+(?:call|chat)\b|\bhop\s+on\s+a\s+call|\bjump\s+on\s+a\s+call"
    r"|\b(?:a|the)\s+call\b|\bcall\s+(?:me|today|tomorrow|this\s+week|next\s+week)\b"
    r"|\b(?:meet|meeting)\s+(?:up|for|in\s+person|next|this|sometime|soon)\b|\bcatch\s+up\b"
    r"|\bget\s+together\b|\b(?:have|find|got|spare)\s+(?:some\s+|a\s+few\s+)?(?:time|minutes)\s+to\s+(?:talk|chat|speak|meet)\b"
    r"|\b(?:talk|chat|speak)\s+(?:sometime|soon|next\s+week|this\s+week|over)\b"
    r"|\blet['’]?s\s+talk\b|\bspeak\s+(?:to|with)\s+you\s+(?:for|briefly)\b|\bon\s+your\s+calendar\b"
    r"|\bfor\s+(?:just\s+)?(?:\d{1,2}|a\s+few|five|ten|fifteen|twenty|thirty)\s+min(?:ute)?s?\b"
    r"|\bmeeting\s+(?:while|during|at)\s+(?:the\s+)?(?:coffee|lunch|break)"
    r"|\bwhen\s+(?:are\s+you|would\s+you\s+be)\s+free\b|\b(?:can|could)\s+we\s+(?:schedule|set\s+up|arrange)\b"
    r"|\b(?:schedule|arrange|set\s+up)\s+(?:a|some)\s+(?:time|call|meeting|chat)\b",
    re.IGNORECASE,
)
_MET = re.compile(
    r"\b(?:meet|meeting|met|talking|speaking|chatting)\s+(?:with\s+)?you\b|\bour\s+(?:chat|talk|conversation)\b",
    re.IGNORECASE,
)
_EVENT_WORDS = (
    r"conference|meetup|meet-up|summit|event|workshop|fair|expo|dinner|offsite|hackathon"
    r"|webinar|panel|seminar|talk|session|party|reception|trade\s+show|Messe|convention|forum"
    r"|breakfast|lunch|launch"
)
_EVENT = re.compile(
    r"\b(?:at|during|after)\s+(?P<event>(?:the|your|our|last\s+week['’]s|yesterday['’]s)\s+"
    r"(?:[\w&'’-]+\s+){0,4}?(?:" + _EVENT_WORDS + r"))\b",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\b(?P<a>[A-Z][a-z]+)(?:\s+[A-Z][a-z]+|\s+\[[^\]\n]{1,12}\])?\s+"
    r"(?:suggested|recommended|thought|mentioned|said|told\s+me)\s+(?:that\s+)?(?:I|we)\s+"
    r"(?:should\s+|might\s+|could\s+)?(?:reach\s+out|get\s+in\s+touch|contact|connect|talk|speak|write)"
    r"|\b(?:referred|introduced|pointed)\s+(?:me\s+|us\s+)?(?:to\s+you\s+)?by\s+(?P<b>[A-Z][a-z]+)"
    r"|\b(?P<c>[A-Z][a-z]+)(?:\s+[A-Z][a-z]+|\s+\[[^\]\n]{1,12}\])?\s+(?:referred|introduced|pointed)\s+(?:me|us)\b"
    r"|\b(?:mutual|common)\s+(?:friend|contact|connection),?\s+(?P<d>[A-Z][a-z]+)",
)
# "your PR" in their words is "my PR" in the reply, and the other way round.
_SWAP = {"your": "my", "yours": "mine", "my": "your", "mine": "yours", "our": "your"}
_SAID = r"(mentioned|said|recommended|suggested|shared|showed|gave)"
_YOU_SAID = re.compile(r"\byou\s+" + _SAID + r"\b", re.IGNORECASE)
_I_SAID = re.compile(r"\bI\s+" + _SAID + r"\b")
_UNSWAPPABLE = re.compile(r"\b(?:you|i|me|we|us)\b", re.IGNORECASE)


# "Anna, meet Ben": an introduction between two people, written by the one who knows both.
_MEET_SOMEONE = re.compile(r"(?:^|[,.!:]\s*)[Mm]eet\s+(?:my\s+\w+\s+)?[A-Z\[]")
# "you two should meet": a meeting between the others, not one the user is asked to.
_YOU_TWO = re.compile(r"\byou\s+(?:two|both)\b", re.IGNORECASE)


def genuine_kind(text: str) -> GenuineKind:
    """What kind of friendly message this is; the first reading that fits wins, in the order
    a reply must honour them (a thank-you that says "no need to reply" gets a short line)."""
    text = text[:4000]
    if _NO_REPLY.search(text):
        return GenuineKind.no_reply
    if _REFERENCE.search(text):
        return GenuineKind.reference
    if _INVITATION.search(text):
        return GenuineKind.invitation
    if _INTRODUCTION.search(text) or _MEET_SOMEONE.search(text):
        return GenuineKind.introduction
    if _CATCH_UP.search(text):
        return GenuineKind.catch_up
    if request(text) or _ANY_REQUEST.search(text):
        return GenuineKind.request
    if question(text) is not None or _QUESTION.search(text) or _WONDER.search(text):
        return GenuineKind.question
    if _SHARING.search(text):
        return GenuineKind.sharing
    if _THANKS.search(text):
        return GenuineKind.thanks
    return GenuineKind.note


def asks_to_meet(text: str) -> bool:
    """Does the message ask for a call, a coffee, a meeting? Only then may a reply offer one."""
    text = text[:4000]
    return bool(_MEET.search(text)) and not _YOU_TWO.search(text)


def met_in_person(text: str) -> bool:
    return bool(_MET.search(text[:4000]))


def event(text: str) -> str | None:
    """Where they met or what they wrote after: "the PyData meetup"."""
    m = _EVENT.search(text[:4000])
    if not m:
        return None
    phrase = " ".join(m.group("event").split())
    first, _, rest = phrase.partition(" ")
    first = first.lower() if first.istitle() else first  # "The" mid-sentence; _quotable swaps "our"
    return _quotable(f"{first} {rest}")


def mutual_contact(text: str) -> str | None:
    """The first name of the person who sent them, when the message names one."""
    m = _CONTACT.search(text[:4000])
    if not m:
        return None
    token = next(g for g in m.group("a", "b", "c", "d") if g)
    return _clean_name(token)


_TOPIC = re.compile(
    r"\b(?:tips|advice|recommendations?|thoughts|ideas|suggestions|pointers|views?|opinion)"
    r"\s+(?:on|about|for|regarding)\s+(?P<x>" + _S + r"{2,80}?)\s?(?:[?.!\n]|$)",
    re.IGNORECASE,
)
_WHAT_IS = re.compile(
    r"\bwhat(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?P<x>" + _S + r"{2,80}?)\s?\?",
    re.IGNORECASE,
)


def question(text: str) -> str | None:
    """What they asked about, phrased for "let me come back to you on ...", or None."""
    text = text[:4000]
    m = _TOPIC.search(text) or _WHAT_IS.search(text)
    return _quotable(m.group("x")) if m else None


def request(text: str) -> str | None:
    """The thing they ask for ("the slides"), phrased from the reply's side, or None."""
    m = _REQUEST.search(text[:4000])
    if not m:
        return None
    what = m.group("what") or m.group("what2") or ""
    what = re.sub(r"\s+(?:over|across|along|back)$", "", what.strip())
    if _PRONOUN.fullmatch(what):
        # "could you send them over": what they are is named earlier ("share the slides").
        earlier = _NAMED_THING.search(text[: m.start()])
        if earlier is None:
            return None
        what = earlier.group("x")
    return _quotable(what)


def _quotable(phrase: str) -> str | None:
    """A phrase from their message turned to the reply's point of view, or None when it
    cannot be said back safely (too long, a link, pronouns we would have to guess)."""
    from bot.text import contacts  # local: slots stays importable on its own

    words = []
    for word in " ".join(phrase.split()).strip(" ,;:'\"").split(" "):
        bare = word.casefold().strip(",;:")
        words.append(_SWAP.get(bare, word) if bare in _SWAP else word)
    out = " ".join(words)
    out = _YOU_SAID.sub(r"I \1", out)
    out = re.sub(r"\b(?:please|again|sometime|for\s+me|to\s+me|with\s+me)\s*$", "", out).strip()
    if (
        not out
        or len(out) > 60
        or contacts.contains(out)
        or re.search(r"[\[\]{}<>@#]", out)
        or _UNSWAPPABLE.search(_I_SAID.sub("", out))
        or not re.search(r"[^\W\d_]{3}", out)
    ):
        return None
    return out.rstrip(" .,;:")
