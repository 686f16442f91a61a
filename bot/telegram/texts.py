"""What the bot says, in one place, so wording changes never touch the handlers."""

from bot.models import CaseStatus, Category

WELCOME = (
    "👋 <b>Cold Shoulder</b> reads the cold messages that land in your inbox the minute you "
    "accept a connection, tells you what they are and why, and drafts a polite, pointed "
    "reply. Nothing is sent anywhere until you approve it, and then it's yours to paste.\n\n"
    "<b>Three ways in</b>\n"
    "• <b>Forward</b> a message here from any chat.\n"
    "• <b>Paste</b> the text (a LinkedIn thread copied whole is fine).\n"
    "• Send a <b>screenshot</b> of the message.\n\n"
    "<b>What you get</b>: a card with the verdict, the words that gave it away, and a draft. "
    "<b>Approve</b> sends you the reply ready to copy; <b>Edit</b> takes your own words; "
    "<b>Regenerate</b> and <b>Tone</b> redraft; <b>Wrong category?</b> fixes my reading and "
    "I remember the sender; <b>Fix text</b> corrects a misread screenshot; <b>Discard</b> "
    "drops it. When I can't tell, the card asks you instead of guessing.\n\n"
    "Genuine messages get a warm, normal reply: nobody real gets the cold shoulder."
)
# Shown under the welcome at /start, and alone at /tone; picking a tone edits only this.
HELP = (
    "<b>Forward, paste or screenshot</b> a message and I'll assess it and draft a reply.\n\n"
    "On the card: <b>Approve</b> (the reply, ready to copy), <b>Edit</b>, <b>Regenerate</b>, "
    "<b>Tone</b>, <b>Wrong category?</b> (I remember the sender), <b>Fix text</b> (a misread "
    "screenshot), <b>Discard</b>. When I'm not sure, the card asks you first.\n\n"
    "/settings: tone, per-category tones, style, signature, profile, reply language\n"
    "/tone: choose the default tone for cold messages\n"
    "/profile: who you are and what you're not interested in\n"
    "/stats: what landed in your inbox lately\n"
    "/history: your recent cases, each reopenable\n"
    "/business: cold DMs in your own Telegram (Telegram Business)\n"
    "/export: everything I keep about you, as JSON\n"
    "/forget: delete everything I keep about you\n"
    "/cancel: drop the question I asked (Edit, Fix text, a setting)\n"
    "/help: this message\n\n"
    "Tones: <b>pointed</b> (polite, makes the point), <b>gracious</b>, <b>deadpan</b>, "
    "<b>firm</b>, <b>brief</b>, <b>warm</b>. Genuine messages always get a warm reply."
)

COMMANDS = [
    ("start", "What this bot does"),
    ("settings", "Tone, style, signature, profile, language"),
    ("tone", "Default tone for cold messages"),
    ("profile", "Tell me who you are"),
    ("stats", "What landed in your inbox"),
    ("history", "Recent cases"),
    ("business", "Cold DMs in your own Telegram"),
    ("export", "Download your data"),
    ("forget", "Delete all your data"),
    ("cancel", "Drop the question I asked"),
    ("help", "How to use it"),
]

TONE_PICKER = "{tone_line}\nPick the tone for cold messages:"
# The bot's profile in Telegram (setMyDescription: at most 512 characters; the short one,
# shown on its profile page and in shares, at most 120).
DESCRIPTION = (
    "Forward, paste or screenshot a cold LinkedIn-style message: a pitch a minute after "
    'connecting, a request for free feedback, a vague "quick call?". I tell you what it '
    "is, quote the words that gave it away, and draft a polite, pointed reply for you to "
    "approve, edit or discard. Genuine messages get a warm reply. Nothing is sent anywhere "
    "without your approval."
)
SHORT_DESCRIPTION = (
    "Reads cold messages and drafts a polite, pointed reply. Nothing is sent without you."
)
TONE_SET = "Done: cold messages now get the <b>{tone}</b> tone."

GROUP_CHAT = "I only work in private chats: open a chat with me and forward messages there."


def stranger(user_id: int) -> str:
    return (
        "Hi! This is a private bot, so I can't help you here.\n\n"
        f"Your Telegram id is <code>{user_id}</code>. If you run this bot, add it to "
        "<code>COLDSHOULDER_ALLOWED_USERS</code> and restart it."
    )


STRANGER_BUTTON = "This is a private bot."

UNSUPPORTED = {
    "photo_without_caption": (
        "I can't read that kind of photo. Send the screenshot as a regular picture, "
        "or paste the message text."
    ),
    "empty": "That message is empty. Forward or paste the text you'd like me to look at.",
    "link_only": ("That's only a link, and I don't open links. Paste the message text instead."),
    "sticker": "Nice sticker! I only read text, though: forward or paste a message.",
    "voice": "I can't listen to voice messages. Please paste the text instead.",
    "audio": "I can't listen to audio. Please paste the text instead.",
    "video": "I can't watch videos. Please paste the text instead.",
    "video_note": "I can't watch video messages. Please paste the text instead.",
}
UNSUPPORTED_DEFAULT = "I can only read text. Forward or paste the message you'd like answered."

EDITED = (
    "I saw you edited a message. I don't re-read edits: send the new version as a new "
    "message and I'll draft for that."
)
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
TRUNCATED = "That was very long, so I read the first {limit:,} characters."

EDIT_PROMPT = "Send me your version of the reply as your next message."
CARD_MOVED = "✏️ Updated: the card with your version is below."
CARD_REOPENED = "↩️ Reopened below."
LONG_REPLY_HINT = "Tap the block to copy it."

CASE_MISSING = "That case isn't yours or no longer exists."
CASE_CLOSED = "This case is closed: open it again from /history."
STALE_BUTTON = "That button has expired. Forward the message again if you still need it."
ALREADY = {
    "approved": "Already approved: the reply is above.",
    "discarded": "This case was discarded.",
}
APPROVED = "Approved"
# A second press on an approved card whose reply has not reached the chat yet.
REPLY_RESENDING = "Approved: sending the reply now."
DISCARDED = "Discarded"

FORGET_CONFIRM = (
    "This deletes everything I keep about you: {cases} case(s), their drafts, and your "
    "settings. It can't be undone."
)
FORGOTTEN = "Done. I deleted {cases} case(s) and {drafts} draft(s), and your settings."
FORGET_CANCELLED = "Nothing was deleted."
EXPORT_CAPTION = "Everything I keep about you: {cases} case(s)."

ERROR = (
    "Sorry, something went wrong on my side. Your message is saved: /history shows it, "
    "or forward it again in a minute."
)
BUTTON_ERROR = (
    "Sorry, something went wrong with that button on my side. Nothing is lost: press it "
    "again in a minute, or open the case from /history."
)

SETTING_PROMPTS = {
    "style": (
        "Send your style instructions (up to 500 characters), e.g. “British spelling, no "
        "exclamation marks, sign off as B.” The model follows them; offline drafts can't."
    ),
    "signature": "Send the signature to put under every reply (up to 120 characters).",
    "profile": (
        "Send a short profile (up to 600 characters): your name, what you do, what you're not "
        "interested in, and links you're happy to share. Pointed replies can quote it: “As my "
        "profile says: I run a two-person design studio.”"
    ),
    "language": (
        "Send the language replies should be in (e.g. English, de, Español). "
        "Clear it to reply in the sender's language."
    ),
}
SETTING_SAVED = "Saved. It applies to your next draft, and to Regenerate on an open card."
CATEGORY_TONES = "Pick a category to give it its own tone:"
CATEGORY_TONE = "Tone for {category}:"
EXAMPLES_CLEARED = "Forgot {replies} learned from your edits."

SCREENSHOTS_OFF = (
    "Reading screenshots needs the optional OCR package on the server "
    "(pip install 'coldshoulder[ocr]', or `make install`). Until then, paste the text."
)
SCREENSHOT_ERRORS = {
    "too_large": "That image is too large for me to read (over 20 MB or 40 megapixels).",
    "not_an_image": "I couldn't open that file as an image. Send a PNG or JPEG screenshot.",
    "no_text": (
        "I couldn't find a message in that picture. Send a screenshot with the message "
        "text on it, or paste the text."
    ),
    "ocr_missing": SCREENSHOTS_OFF,
}
FIX_TEXT_PROMPT = (
    "Send the message text as it should read; I'll assess it again.\n"
    "Wrong sender? Start with a line <code>From: Their Name</code> (that line alone fixes "
    "just the name)."
)
FIXED_TEXT = "📝 Replaced: the card for the corrected text is below."

# --- prompts (Edit, Fix text, settings): the next typed message answers them --------------

BUTTON_CANCEL = "✖️ Cancel"
CANCELLED = "Cancelled."
NOTHING_TO_CANCEL = "There's nothing to cancel: I'm not waiting for an answer."
PROMPT_CLOSED = "That question is closed already."
PROMPT_EXPIRED = {
    "edit": "Your earlier Edit prompt expired, so I read this as a new message.",
    "fix": "Your earlier Fix text prompt expired, so I read this as a new message.",
    "setting": "Your earlier settings prompt expired, so I read this as a new message.",
}

# --- cards (bot.telegram.render) ----------------------------------------------------------

HEADLINES = {
    Category.sales_pitch: "🧊 Sales pitch",
    Category.favor_request: "🙏 Favour request",
    Category.meeting_request: "📅 Meeting request",
    Category.recruiting: "💼 Recruiting",
    Category.scam: "⚠️ Looks like a scam",
    Category.genuine: "🤝 Looks genuine",
}
STATUS_LINES = {
    CaseStatus.approved: "✅ <b>Approved.</b> The reply is below, ready to paste.",
    CaseStatus.discarded: "🗑 <b>Discarded.</b> Nothing was sent.",
}
# A reply whose first sending may or may not have arrived (the bot died mid-send) is written
# into its card rather than sent again: this line, then the reply.
REPLY_IN_CARD = "✅ <b>Approved.</b> Your reply, ready to paste:"
# Sent once when a case takes longer than a few seconds; the card then replaces it.
STILL_WORKING = "⏳ Still working on it… the card will appear here."
CARD_WORKING = "⏳ Still working on it…"
# An uncertain verdict: the card asks instead of guessing (no draft, no percentage).
CARD_UNSURE_HEADLINE = "<b>🤔 Not sure what this is</b>"
CARD_UNSURE_ASK = "Is this someone you know, or a cold message? Pick one and I'll draft a reply."
CARD_HEADLINE = "<b>{headline}</b> · {likely} ({percent}%)"
CARD_HEADLINE_CORRECTED = "<b>{headline}</b> · as you said"
# Confidence in words, highest first: the first whose floor the confidence reaches.
LIKELIHOOD = ((0.9, "very likely"), (0.7, "likely"), (0.0, "possibly"))
CARD_FROM = "From: {sender}"
CARD_WHY = "<b>Why</b>"
CARD_GENERIC = "• reads like a mass template"
CARD_SCAM_ADVICE = (
    "The best reply is none: don't click its links, don't share details, "
    "and consider blocking and reporting the sender."
)
CARD_YOUR_VERSION = "Your version"
# An offline draft that reuses the user's own approved wording for this kind of message.
CARD_DRAFT_LEARNED = "Draft · your wording"
CARD_DRAFT = "Draft · {tone}"
# A genuine message's draft is warm whatever the tone settings say, so no tone is named.
CARD_DRAFT_GENUINE = "Draft · a warm, normal reply"
# The Tone button on a genuine card: a short answer instead of the tone picker.
GENUINE_TONE = (
    "Genuine messages always get a warm, normal reply. 🔄 Regenerate words it differently."
)
CARD_THEIR_MESSAGE = "<b>Their message</b>"
NOTE_OFFLINE_LANGUAGE = "This message is in {language}; the offline engine writes English."
NOTE_CORRECTED = "You corrected this from {category}."
NOTE_SCREENSHOT = "📷 Read from a screenshot: “{first_words}” Misread? Tap Fix text."
NOTE_REPEAT_SENDER = "{nth} cold message from this sender."

HISTORY_EMPTY = "No cases yet. Forward or paste a message and I'll take a look."
HISTORY_TITLE = "<b>Recent cases</b>"
HISTORY_OPEN_TITLE = "<b>Open cases</b>"
HISTORY_PAGE = " ({first}–{last})"
HISTORY_NONE_OPEN = "No open cases: every card is approved or discarded."
BUTTON_NEWER = "« Newer"
BUTTON_OLDER = "Older »"
BUTTON_ONLY_OPEN = "Only open cases"
BUTTON_ALL_CASES = "All cases"
HISTORY_LINE = "#{case_id} · {category}{corrected} · {status}{sender} · {ago}"
HISTORY_NOT_ASSESSED = "not assessed"
HISTORY_UNSURE = "not sure"
HISTORY_CORRECTED = " (corrected from {category})"
AGO = "{count} {unit} ago"
AGO_UNITS = (("d", 86400), ("h", 3600), ("min", 60))
JUST_NOW = "just now"

PREFERENCES_LINE = "Replies to cold messages use the <b>{tone}</b> tone."
SETTINGS_LINES = (
    "⚙️ <b>Settings</b>\n"
    "Tone for cold messages: <b>{cold_tone}</b>\n"
    "Per-category tones: {overrides}\n"
    "Style instructions: {style}\n"
    "Signature: {signature}\n"
    "Profile: {profile}\n"
    "Reply language: {language}\n"
    "Links in replies: {links}\n"
    "Learned from your edits: {learned}"
)
SETTINGS_NONE = "<i>none</i>"
SETTINGS_NOT_SET = "not set"
SETTINGS_MATCH_SENDER = "match the sender"
ON_OFF = {True: "on", False: "off"}


def replies(count: int) -> str:
    """ "1 reply", "2 replies"."""
    return f"{count} repl{'y' if count == 1 else 'ies'}"


def likelihood(confidence: float) -> str:
    return next(words for floor, words in LIKELIHOOD if confidence >= floor)


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th... 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- buttons (bot.telegram.keyboards) -------------------------------------------------------

BUTTON_SHOW_DRAFT = "Show a draft anyway"
BUTTON_DISCARD = "🗑 Discard"
BUTTON_APPROVE = "✅ Approve"
BUTTON_EDIT = "✏️ Edit"
BUTTON_REGENERATE = "🔄 Regenerate"
BUTTON_TONE = "🎚 Tone"
BUTTON_WRONG_CATEGORY = "Wrong category?"
BUTTON_FIX_TEXT = "📝 Fix text"
BUTTON_BACK = "⬅️ Back"
BUTTON_CURRENT = "• {label}"  # the current choice in a row of options
BUTTON_DEFAULT_TONE = "🎚 Tone: {tone}"
BUTTON_CATEGORY_TONES = "Per-category tones"
BUTTON_EDIT_SETTING = "✏️ {label}"
BUTTON_CLEAR = "✖ Clear"
BUTTON_LINKS = "🔗 Links in replies: {state}"
BUTTON_FORGET_EXAMPLES = "🧹 Forget {category} ({count})"
BUTTON_FORGET_ALL_EXAMPLES = "🧹 Forget all learned ({count})"
LEARNED_IN = "{category} {count}"
BUTTON_CATEGORY_TONE = "{category}: {tone}"
BUTTON_CATEGORY_DEFAULT = "default ({tone})"
BUTTON_DEFAULT = "default"
BUTTON_SETTINGS = "⬅️ Settings"
BUTTON_ALL_SETTINGS = "⚙️ All settings"
BUTTON_OPEN = "Open #{case_id} · {category}"
BUTTON_NOT_ASSESSED = "not assessed yet"
BUTTON_UNSURE = "not sure"
# The answers on a "Not sure what this is" card.
BUTTON_READINGS = {
    Category.genuine: "🤝 Genuine",
    Category.sales_pitch: "🧊 Sales pitch",
    Category.favor_request: "🙏 Favour request",
    Category.meeting_request: "📅 Meeting request",
    Category.recruiting: "💼 Recruiting",
    Category.scam: "⚠️ Scam",
}
BUTTON_SOMETHING_ELSE = "Something else…"
BUTTON_FORGET = "Delete everything"
BUTTON_KEEP = "Keep my data"
BUTTON_COPY = "📋 Copy"

# --- settings refused (bot.preferences raises SettingError with the reason as data) --------

SETTING_LABELS = {
    "style": "style instructions",
    "signature": "signature",
    "profile": "profile",
    "language": "reply language",
}
SETTING_REFUSED = {
    "unknown_field": "There is no setting called {field!r}.",
    "empty": "That {label} is empty. Send the text, or tap Clear to remove it.",
    "too_long": (
        "That {label} is {length} characters; the limit is {limit}. "
        "Nothing was changed: send a shorter one."
    ),
    "unknown_language": (
        "I don't know the language {value!r}. Send a name or a code such as "
        "English, de, or Español; or tap Clear to match the sender."
    ),
    "link_in_signature": (
        "Your signature contains {value!r}, and links in replies are off. "
        "Send a signature without it, or turn links on in /settings first."
    ),
    "signature_has_link": (
        "Your signature contains a link. Change or clear the signature first, then turn links off."
    ),
}


def setting_refused(
    reason: str, field: str, value: str | None, length: int | None, limit: int | None
) -> str:
    """Why a setting was refused, in words."""
    label = SETTING_LABELS.get(field, field)
    return SETTING_REFUSED[reason].format(
        field=field, label=label, value=value, length=length, limit=limit
    )


# --- /stats (bot.telegram.render.stats) ----------------------------------------------------

STATS_PERIOD = {1: "the last week"}
STATS_PERIOD_WEEKS = "the last {weeks} weeks"
STATS_EMPTY = (
    "No messages checked in {period}.\n"
    "Forward or paste a message you got and I'll tell you whether it is cold, "
    "and draft a reply. Your numbers will show up here."
)
STATS_TITLE = "In {period} (since {since}):"
STATS_COLD = "Cold messages: {count}"
STATS_CATEGORY = "  • {category}: {count}"
STATS_GENUINE = "Genuine: {count}"
STATS_CORRECTIONS = "Your corrections: {count}"
STATS_CORRECTION_KINDS = {
    "to_genuine": "cold → genuine",
    "to_cold": "genuine → cold",
    "between_cold": "to another cold category",
}
STATS_APPROVED = "Replies approved: {count}"
STATS_APPROVED_SPLIT = " ({drafted} as drafted, {edited} edited)"
STATS_DISCARDED = "Discarded: {count}"
STATS_WAITING = "Still waiting for you (last {days} days): {count}"


# --- Telegram Business: cold DMs in the owner's own chats -----------------------------------

BUSINESS_GREETING = (
    "🔗 <b>Connected to your Telegram account.</b>\n\n"
    "From now on, when someone new writes to you, I read it and put a card here, marked "
    "“In your chat with NAME”, with my verdict and a draft. <b>Nothing is sent without "
    "you</b>: Approve sends the reply in that chat as you, or gives you the text to paste "
    "when I can't.\n\n"
    "I leave alone your own messages, people you've already answered, and anyone you let "
    "through. /business shows the connection, pauses and resumes me, and lists who you let "
    "through and the chats you muted.{rights}"
)
BUSINESS_NO_REPLY_RIGHT = (
    "\n\n⚠️ The connection doesn't let me reply for you, so Approve will give you the text "
    "to paste. To change that: Settings → Telegram Business → Chatbots → allow replies."
)
BUSINESS_DISCONNECTED = (
    "🔌 Your Telegram account is disconnected from me. Open cards stay here; Approve now "
    "gives you the text to paste."
)
BUSINESS_RIGHTS_CHANGED = "🔗 Your connection changed: /business shows what I may do now."
CARD_IN_CHAT = "💬 <b>In your chat with {name}</b>"
CARD_SOMEONE = "someone"
# Why Approve hands over the text instead of sending it in the owner's chat.
BUSINESS_BLOCKED = {
    "unknown": "I can't find the connection to your account",
    "disabled": "your account is disconnected from me",
    "no_reply": "the connection doesn't allow me to reply for you",
    "window": "Telegram lets me reply only within 24 hours of their last message",
    "refused": "Telegram refused to send it in that chat",
}
CARD_BLOCKED = "Approve gives you the text to paste: {why}."
NOT_SENT_THERE = "I couldn't send this in your chat ({why}). Here it is to paste:"
BUSINESS_STATUS_LINES = {
    "sent": "✅ <b>Approved.</b> Sent in your chat with {name}, as you.",
    "refused": "✅ <b>Approved</b>, but Telegram refused it in your chat with {name}: the reply "
    "is below, ready to paste.",
    "answered": "💬 <b>Answered by you</b> in that chat.",
    "deleted": "🗑 <b>They deleted the message.</b> Nothing was sent.",
    "unanswered": "🤐 <b>Left unanswered.</b> Nothing was sent.",
    "allowed": "👋 <b>{name} always gets through now.</b> Nothing was sent.",
    "muted": "🔕 <b>Chat muted.</b> Nothing was sent.",
}
BUTTON_APPROVE_SEND = "✅ Approve & send"
BUTTON_LEAVE_UNANSWERED = "🤐 Leave unanswered"
BUTTON_LET_THROUGH = "👋 Always let {name} through"
BUTTON_MUTE_CHAT = "🔕 Mute this chat"
LEFT_UNANSWERED = "Left unanswered"
LET_THROUGH = "{name} always gets through now"
MUTED = "Muted: no more cards from this chat"

BUSINESS_NONE = (
    "💼 <b>Your own Telegram</b>\n\n"
    "Not connected. I can watch your own chats for cold messages and draft replies there:\n"
    "1. Open Telegram <b>Settings → Telegram Business → Chatbots</b>.\n"
    "2. Add this bot and choose which chats it may see.\n"
    "3. Allow it to reply to messages, if you want Approve to send for you.\n\n"
    "Nothing is ever sent without your Approve."
)
BUSINESS_STATUS = (
    "💼 <b>Your own Telegram</b>\n\n"
    "Connection: {state}\n"
    "Reply for you: {can_reply} · Mark messages read: {can_read}\n"
    "Cards for new messages: {paused}\n\n"
    "<b>Always let through</b>: {allowlist}\n"
    "<b>Muted chats</b>: {muted}"
)
BUSINESS_STATE = {True: "connected", False: "disconnected"}
BUSINESS_PAUSED = {True: "⏸ paused", False: "▶️ on"}
YES_NO = {True: "yes", False: "no"}
BUTTON_PAUSE = "⏸ Pause"
BUTTON_RESUME = "▶️ Resume"
BUTTON_DISALLOW = "✖ {name}"
BUTTON_UNMUTE = "🔔 Unmute {name}"
PAUSED = "Paused: no cards until you resume."
RESUMED = "Resumed: new messages get cards again."
DISALLOWED = "Removed from the allowlist."
UNMUTED = "Unmuted."
