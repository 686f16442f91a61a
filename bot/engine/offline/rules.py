"""Offline classifier: a table of weighted signal rules and one scoring function.

Each rule is a regex written from how cold messages are written in general (connect-then-
pitch, "I help companies like yours", "quick 15-minute call", endorsements, link exchange,
"exciting opportunity", "verify your account", inheritance mail, ...). A rule adds weight to
one or more categories; relationship evidence (met in person, former colleague, a named
mutual introduction, a thank-you note, a customer's question) adds weight to `genuine`.
`genuine` starts with a baseline, so a message with no evidence is read as genuine: calling
a real person a spammer is the worst mistake this product can make. The category is the
argmax; confidence is a softmax over the scores, damped when there is little evidence.

Pure and deterministic; every regex is linear (bounded gaps, no nested quantifiers) and the
analysed text is capped, so any str, even 100 KB of junk, is assessed in well under a
millisecond or two and never raises.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.engine.offline import extract
from bot.models import Assessment, Category, Signal

MAX_CHARS = 6000  # cold messages are short; what follows a 6 KB prefix never changes a verdict
MAX_QUOTE = 80
MAX_SIGNALS = 6
GENUINE_BASELINE = 1.5  # the bar a cold category must clear: one weak cue is not enough
# Softmax temperature. 0.9 left the engine underconfident (100% right at a mean confidence of
# 0.45-0.57 on the dev and fresh files); 0.5 puts multi-cue verdicts above 0.9 while the caps in
# _confidence keep "nothing cold found" (where unseen-data errors concentrate) near 0.6.
TEMPERATURE = 0.5

SP = Category.sales_pitch
FR = Category.favor_request
MR = Category.meeting_request
RC = Category.recruiting
SC = Category.scam
GE = Category.genuine

# Weight spread for signals that mark a message as cold without saying which kind.
COLD_ANY = {SP: 0.5, FR: 0.5, MR: 0.5, RC: 0.4, SC: 0.3}


@dataclass(frozen=True)
class Rule:
    name: str  # what the card shows
    weights: dict[Category, float]
    pattern: extract.FastPattern
    generic: bool = False  # evidence the message is a mass template


def _rx(pattern: str) -> extract.FastPattern:
    # Straight and curly apostrophes are the same thing in pasted text.
    return extract.FastPattern(pattern.replace("'", "['’]"))


def R(name: str, weights: dict[Category, float], pattern: str, generic: bool = False) -> Rule:
    return Rule(name, weights, _rx(pattern), generic)


# fmt: off
RULES: tuple[Rule, ...] = (
    # ---- scam: deception beats every other reading (README rule 1) -------------------------
    R("asks you to verify an account", {SC: 3.0},
      r"\b(?:verify|confirm|validate|update|reactivate|upgrade|re-?confirm)\s+(?:your|the|their"
      r"|this)\s+"
      r"(?:e-?mail\s+|mailbox\s+|web\s?mail\s+|bank\s+|online\s+)?"
      r"(?:account|identity|information|details|log\s?in|credentials|mailbox|password)"),
    R("urgency / threat", {SC: 2.5},
      r"\baccounts?\b[^.\n]{0,40}?\b(?:terminat\w*|suspend\w*|clos(?:ed|ure|ing)|restrict\w*|"
      r"deactivat\w*|block(?:ed)?|delet\w*|compromised|disabled|locked)\b"
      r"|\b(?:delet|clos|suspend|terminat|deactivat)\w*\s+(?:all\s+)?(?:unused\s+|inactive\s+"
      r"|your\s+)?"
      r"(?:e-?mail\s+)?accounts?\b"),
    R("mailbox quota", {SC: 3.0},
      r"\bmail\s?box\b[^.\n]{0,30}?\b(?:quota|full|storage|limit|size)\b|\bquota\b"),
    R("login link", {SC: 2.0},
      r"\b(?:log(?:ging)?\s?in|sign(?:ing)?\s?in)\s*(?:here|now|below|:)|\bpassword\s+(?:expires"
      r"|has\s+expired|will\s+expire)\b"
      r"|\bkeep\s+your\s+(?:current\s+)?password\b|\b(?:user\s?name|pass\s?word)\s*[:=]"),
    R("security notice", {SC: 1.5},
      r"\b(?:security|system|database|data\s+base)\s+(?:upgrade|update|maintenance|check)\b"
      r"|\b(?:irregular|unusual|suspicious)\s+(?:activit\w+|log\s?ins?|sign-?ins?)"
      r"|\bverification\s+(?:office|department|team)\b|\bmessaging\s+cent(?:er|re)\b"),
    R("asks for personal data", {SC: 2.5},
      r"\b(?:government[- ]issued|photo\s+identification|photo\s+id\b|passport\s+(?:copy|number"
      r"|scan)"
      r"|copy\s+of\s+your\s+(?:passport|id\b|driver)|social\s+security\s+number|date\s+of\s+birth"
      r"|bank\s+(?:account\s+)?(?:details|information|number)|credit\s+card\s+(?:number|details))"),
    R("click here", {SC: 1.2, SP: 0.2},
      r"\bclick\s+(?:\[?here\]?|the\s+(?:link|button)\s+below|below|this\s+link|on\s+the\s+link)"),
    R("advance-fee pattern", {SC: 3.5},
      r"\b(?:inheritance|next\s+of\s+kin|beneficiar(?:y|ies)|compensation\s+(?:fund|payment|unit)"
      r"|unclaimed\s+(?:funds?|sum)|deceased\s+(?:customer|client|person|husband|wife)"
      r"|late\s+(?:husband|wife|father)|codicil|consignment|lottery|jackpot"
      r"|transfer\s+(?:of\s+)?(?:the\s+)?(?:funds?|sum|money)|claim\s+(?:the|your)\s+(?:total\s+)?"
      r"(?:sum|funds?|prize|payment)|business\s+proposal|award\s+recipient)\b"),
    R("large sum of money", {SC: 2.0},
      r"\d[\d,.]{0,12}\s?million\b|\bmillion\s+(?:five\s+hundred\s+thousand\s+)?(?:us\s+)?"
      r"(?:dollars|british\s+pounds|pounds|euros)\b|\b(?:usd|gbp|eur)\s?\d[\d,.]{0,12}\s?m\b"),
    R("untraceable payment", {SC: 2.5},
      r"\b(?:western\s+union|money\s?gram|gift\s+cards?|bitcoin\s+atm|itunes\s+cards?)\b"),
    R("crypto / investment opener", {SC: 2.0},
      r"\b(?:crypto(?:currency)?\s+(?:trading|investment|platform)|bitcoin|usdt|forex"
      r"|trading\s+(?:platform|signals)|investment\s+(?:platform|opportunity)"
      r"|guaranteed\s+(?:returns?|profits?)|double\s+your\s+(?:money|investment))\b"),
    R("wrong-number opener", {SC: 3.0},
      r"\A\W{0,3}(?:hi|hello|hey)\b[ ,]{0,3}(?:\w{1,20}[ ,]{0,3})?(?:right|is\s+(?:this"
      r"|that)\s+you)\s?\?\W{0,5}\Z"
      r"|\bwrong\s+number\b|\b(?:got|have|found)\s+your\s+(?:number|contact)\s+from\b"),
    R("content-free bump", {SC: 2.2},
      r"\bdid\s+you\s+(?:receive|get|see|read)\s+my\s+(?:previous|last|earlier|prior)\s+"
      r"(?:e-?mail|message|mail|letter)"
      r"|\A\W{0,3}(?:hi|hello)\W{0,3}can\s+i\s+(?:discuss|talk|speak)\s+(?:with"
      r"|to)\s+you\W{0,5}\Z"),
    R("off-channel reply", {SC: 1.5},
      r"\breply\s+(?:strictly|only|directly|back)?\s*(?:through|to|via|at)\b[^.\n]{0,20}?"
      r"(?:\[email\]|@|e-?mail)|\b(?:contact|reach|text|message)\s+me\s+(?:on|via|through)\s+"
      r"(?:whatsapp|telegram|signal|wechat|hangouts)|\bwhatsapp\b"),
    R("urgency / threat", {SC: 0.9},
      r"\b(?:urgent(?:ly)?|within\s+(?:24|48|72)\s+hours|act\s+now|don't\s+miss\s+out"
      r"|final\s+(?:notice|warning)|last\s+chance|secure\s+your\s+spot|limited\s+time)\b"),
    R("work-from-home job", {SC: 1.5},
      r"\b(?:work\s+(?:from|at)\s+home|part[- ]time\s*/\s*full[- ]time|online\s+job"
      r"|no\s+experience\s+(?:needed|required)|working\s+hours\s*\(?can\s+be\s+arranged)"),
    R("promises easy money", {SC: 2.0},
      r"\bearn\s+(?:from\s+|up\s+to\s+)?(?:\$|usd|£|€)\s?\d|\bdaily\s+(?:pay|salary|income)\b"
      r"|(?:\$|usd|£|€)\s?\d[\d,]{0,8}\s?[-–]\s?(?:\$|usd|£|€)?\s?\d[\d,]{0,8}\s+(?:per|a"
      r"|/)\s*(?:day|week|month)"),
    R("fake task job", {SC: 1.5},
      r"\b(?:simple|easy)\s+(?:tasks?|online\s+work)\b|\bthe\s+work\s+is\s+(?:very\s+)?(?:simple"
      r"|easy)"
      r"|\bthrilling\s+news\b|\b(?:like|rate|review)\s+(?:youtube\s+|tiktok\s+)?(?:videos"
      r"|products)\s+and\s+earn\b|\boptimi[sz]e\s+(?:data|rankings|products|orders)"
      r"|\bage\s+\d\d\s?[-–]\s?\d\d\b"),
    R("impersonates a platform", {SC: 2.0},
      r"\blinkedln\b|\b(?:github|linkedin|paypal|microsoft|apple|amazon|netflix|facebook|google)\s+"
      r"(?:recruitment|support|security|verification|account|billing)\s+(?:team|cent(?:er|re)"
      r"|department|office)"),
    R("scam greeting", {SC: 1.2},
      r"\A\W{0,3}(?:dear\s*,|(?:hello|hi),?\s+dear\b|greetings\s*!!|dear\s+(?:friend|beloved"
      r"|sir/madam"
      r"|sir\s+or\s+madam|(?:e-?mail\s+)?account\s+(?:holder|owner)|award\s+recipient|winner"
      r"|beneficiary|valued\s+customer)\b)"),
    R("fake buyer inquiry", {SC: 2.5},
      r"\b(?:saw|got|found|obtained|received)\s+your\s+(?:contact|name|e-?mail|company|details"
      r"|information)"
      r"\b[^.\n]{0,60}?\b(?:trading\s+site|banking|database|chamber\s+of\s+commerce)"
      r"|\breliable\s+supplier\b"),
    R("asks for trust", {SC: 1.5},
      r"\b(?:can\s+(?:i|you)\s+trust|trustworthy\s+(?:person|partner)|strictly\s+confidential"
      r"|keep\s+(?:this|it)\s+(?:confidential|secret)|financial\s+relationship)\b"),
    R("official persona", {SC: 1.0},
      r"\b(?:sgt|sergeant|barrister|diplomat|lieutenant|colonel|us\s+army|un\s+peacekeep\w*"
      r"|director\s+of\s+claims|claims\s+department)\b"),
    R("asks for a fee", {SC: 1.5},
      r"\b(?:pay|paying|payment\s+of)\b[^.\n]{0,30}?\b(?:fee|levy|levies|clearance|deposit)\b"
      r"|\b(?:processing|clearance|release|transfer|registration|activation)\s+(?:fee|charge)s?\b"
      r"|\b(?:small\s+)?deposit\s+(?:is\s+)?required\b|\bsmall\s+deposit\b"),
    R("pig-butchering opener", {SC: 1.8},
      r"\byou\s+have\s+achieved\s+a\s+lot\b|\b(?:hope|wish)\s+(?:that\s+)?we\s+(?:can|could)\s+"
      r"(?:chat|be\s+friends|become\s+friends|get\s+to\s+know\s+each\s+other)\b"
      r"|\bcan\s+we\s+be\s+friends\b"),
    R("shared-document lure", {SC: 1.8},
      r"\b(?:docusign|sharepoint|onedrive|one\s+drive|adobe\s+sign|wetransfer)\b"
      r"|\breview\s+(?:and|&)\s+sign\b|\b(?:review|view|open|access)\s+(?:the\s+)?document\b"
      r"|\bshared\s+an?\s+(?:secure\s+)?(?:file|document|folder)\s+with\s+you\b"),
    R("asks for your password", {SC: 2.0},
      r"\bsign(?:ing)?\s?in\s+with\s+your\b|\be-?mail\s+(?:address\s+)?and\s+password\b"
      r"|\benter\s+your\s+(?:\w+\s+)?(?:password|credentials|log\s?in|pin)\b"
      r"|\b(?:seed|recovery)\s+phrase\b|\b(?:connect|link|sync)\s+your\s+(?:\w+\s+)?wallet\b"
      r"|\bmetamask\b"),
    R("fake charge / callback", {SC: 2.0},
      r"\bif\s+you\s+did\s+not\s+(?:authori[sz]e|make|request|recogni[sz]e|place)\b"
      r"|\b(?:has|have)\s+been\s+(?:charged|debited|billed)\b"
      r"|\bcall\s+(?:us|our\s+(?:\w+\s+)?(?:department|team|desk|line|support))\s+(?:immediately"
      r"|urgently|now|at)\b"),
    R("undelivered parcel", {SC: 2.5},
      r"\b(?:parcel|package|shipment)\b[^.\n]{0,40}?\b(?:could\s+not|couldn't|was\s+not"
      r"|unable\s+to)\s+be\s+delivered|\bcustoms\s+(?:fees?|duty|duties|charges?)\b"
      r"|\bfrais\s+de\s+(?:douane|livraison|port)\b|\bcolis\b[^.\n]{0,60}?\b(?:livr\w+|douane)"
      r"|\bpaquete\b[^.\n]{0,60}?\b(?:entreg\w+|aduana)|\bpaket\b[^.\n]{0,60}?\b(?:zustell\w+"
      r"|zoll)"),
    R("phishing (non-English)", {SC: 3.0},
      r"\b(?:verifique|confirme|actualice|valide)\s+(?:sus|su)\s+(?:datos|cuenta|identidad"
      r"|información)"
      r"|\b(?:vérifiez|confirmez|validez)\s+(?:vos|votre)\s+(?:informations|identité|compte"
      r"|coordonnées|données)"
      r"|\bbestätigen\s+sie\s+ihre\s+(?:identität|daten|kontodaten|zugangsdaten|konto)"
      r"|\bkonto\s+(?:wurde\s+)?(?:\w+\s+){0,3}?gesperrt|\bcuenta\s+(?:ha\s+sido\s+)?"
      r"(?:bloqueada|suspendida)|\bcompte\s+(?:a\s+été\s+)?(?:suspendu|bloqué)"
      r"|\bacceso\s+no\s+autorizado|\baccès\s+non\s+autorisé|\bunbefugte[rn]?\s+zugriff"),
    R("link below", {SC: 1.0},
      r"\b(?:follow|via|through|use|at)\s+the\s+link\s+below\b|\bsiguiente\s+enlace\b"
      r"|\blien\s+ci-dessous\b|\bfolgenden\s+link\b|\b(?:24|48|72)\s+(?:horas|heures|stunden)\b"),
    R("you have been selected", {SC: 1.2},
      r"\byou\s+(?:have\s+been|were|are)\s+(?:specially\s+|randomly\s+)?selected\s+(?:for|as"
      r"|to)\b|\bcongratulations\s*!"),
    R("untraceable payment", {SC: 1.0},
      r"\b(?:zelle|cash\s?app|venmo|wire\s+transfer|usdt|steam\s+cards?)\b"),
    R("crypto / investment opener", {SC: 2.5},
      r"\b(?:trading|invest\w*\s+in)\s+crypto\w*|\bcrypto\w*\s+(?:profits?|returns?|signals)\b"
      r"|\bmade\s+(?:a\s+)?\d+%\s+(?:profit|returns?)|\b\d+%\s+(?:profit|roi|daily|weekly)\b"
      r"|\bteach\s+you\s+(?:how\s+)?(?:to\s+)?(?:invest|trade|earn|make\s+money|start)\b"),
    R("wrong-number opener", {SC: 2.2},
      r"\A\W{0,3}(?:(?:hi|hello|hey)(?:\s+there)?\W{1,3})?(?:is\s+this|are\s+you)\s+(?:mr|mrs|ms"
      r"|miss|dr)?\.?\s?[A-Za-z]{2,20}\s?\?"
      r"|\A\W{0,3}(?:hi|hello|hey)\W{1,3}[A-Za-z]{2,20}\W{1,3}is\s+(?:this|that)\s+(?:you|really\s+you)"
      r"\s?\?"),
    R("content-free bump", {SC: 2.0},
      r"\b(?:important|urgent|confidential|private|lucrative)\s+(?:matter|issue|business"
      r"|proposal|information)\s+(?:to\s+discuss|with\s+you|for\s+you|concerning|i\s+(?:want"
      r"|would\s+like)\s+to\s+discuss)"),
    R("kindly get back", {SC: 0.8},
      r"\bkindly\s+(?:get\s+back|reply|respond|revert|contact\s+me)\b|\bgood\s+day\s+(?:to\s+you"
      r"|dear)\b"),
    R("fake task job", {SC: 1.5},
      r"\b(?:complet\w+|finish\w*)\s+(?:\d+\s+)?(?:simple\s+|easy\s+|online\s+)?tasks\b"
      r"|\b\d+\s+tasks\s+(?:a|per)\s+day\b|\bboost\s+(?:product\s+)?visibility\b"
      r"|\bearn\s+(?:up\s+to\s+)?\d[\d,]*(?:\s?[-–]\s?\d[\d,]*)?\s*(?:usd|dollars|eur|euros"
      r"|gbp)\b|\b(?:usd|dollars|euros)\s+(?:daily|per\s+day|a\s+day)\b"),
    R("failed payment lure", {SC: 2.0},
      r"\bpayment\s+(?:has\s+)?(?:failed|been\s+declined|was\s+declined|could\s+not\s+be\s+"
      r"processed)\b|\binterruption\s+(?:of|to)\s+(?:your\s+)?service\b"
      r"|\bavoid\s+(?:any\s+)?(?:interruption|suspension|deactivation|losing\s+access)\b"
      r"|\b(?:update|confirm|verify)\s+your\s+(?:billing|payment|card)\s+(?:information|details"
      r"|method|info)\b"),
    R("wrong-number opener", {SC: 2.0},
      r"\b(?:my\s+friend|someone|a\s+friend)\s+gave\s+me\s+(?:this|your)\s+number\b"
      r"|\bgot\s+(?:this|your)\s+number\s+from\s+(?:a\s+friend|my\s+friend|someone)\b"
      r"|\bsaved\s+in\s+my\s+(?:phone|contacts)\s+as\b"),
    # ---- recruiting ------------------------------------------------------------------------
    R("job opportunity", {RC: 2.0},
      r"\b(?:job|career|employment)\s+opportunit(?:y|ies)\b|\b(?:exciting|great|incredible"
      r"|amazing)\s+"
      r"opportunity\s+(?:for|to\s+join|with)\b|\b(?:this|the)\s+role\b|\bthe\s+position\b"
      r"|\b(?:a|an)\s+(?:\w+\s+){0,3}?(?:role|position|vacancy)\s+(?:with|at)\s+(?:a|an|our)\b"),
    R("hiring", {RC: 2.2},
      r"\b(?:we're|we\s+are|i'm|i\s+am|is|are|currently)\s+hiring\b|\blooking\s+to\s+hire\b"
      r"|\binterested\s+in\s+hiring\b|\bhiring\s+(?:a|an|for)\b"),
    R("asks if you're open to new roles", {RC: 2.2},
      r"\byou\b[^.?\n]{0,40}?\b(?:new|next|other)\s+(?:roles?|positions?|opportunit\w+|jobs?"
      r"|challenges?)\b"
      r"|\bon\s+the\s+job\s+market\b|\bready\s+for\s+(?:something\s+new"
      r"|a\s+(?:new\s+)?(?:challenge|change|move))\b"
      r"|\bsalary\s+(?:bump|increase|raise)\b|\bhappy\s+(?:at"
      r"|in)\s+(?:your\s+current\s+)?\w+\s*,\s*but\b"),
    R("your profile caught my eye", {RC: 0.9, SC: 0.2, MR: 0.3, SP: 0.2},
      r"\b(?:your|ur)\s+(?:\w+\s+)?(?:profile|background|experience|cv|resume|work|skills?"
      r"|rating)\b[^.\n]{0,40}?"
      r"(?:caught\s+my\s+(?:eye|attention)|stood\s+out|impressed)"
      r"|\b(?:came\s+across|found|saw|viewed|reviewed)\s+your\s+(?:linkedin\s+"
      r"|github\s+)?(?:profile|cv|resume|background)\b"
      r"|\bfrom\s+your\s+(?:linkedin\s+)?profile\b|\bfound\s+you\s+on\s+a\s+search\b"),
    R("asks for your CV", {RC: 2.5},
      r"\b(?:send|forward|share|attach)\b[^.\n]{0,25}?\b(?:your|ur)\s+(?:current\s+|updated\s+"
      r"|latest\s+)?"
      r"(?:resume|résumé|cv)\b"),
    R("recruiter outreach", {RC: 1.5},
      r"\b(?:i\s+am|i'm)\s+an?\s+(?:\w+\s+)?recruiter\b|\btalent\s+(?:acquisition|partner|team)\b"
      r"|\bheadhunt\w*"
      r"|\bstaffing\s+(?:agency|firm)\b|\bsearch\s+for\s+an?\s+(?:\w+\s+){0,3}?(?:startup|company"
      r"|scale-?up|client|fintech|healthtech|series)"
      r"|\bconfidential\s+(?:chat|search|opportunity|conversation)\b"
      r"|\b(?:my|our)\s+client\b[^.\n]{0,60}?\b(?:hiring|looking\s+for|seeking"
      r"|(?:one\s+of\s+)?the\s+world's\s+leading)|\bclients\s+(?:that|who)\s+are\s+(?:looking"
      r"|seeking)"),
    R("role details", {RC: 1.2},
      r"\b(?:full[- ]time\s+(?:remote\s+)?(?:job|role|position)|contract\s+(?:&|and|or)\s+permanent"
      r"|permanent\s+(?:role|position)|remote\s+(?:job|role|position)|relocation(?:\s+assistance)?"
      r"|competitive\s+salary|compensation\s+package)\b"),
    R("join our team", {RC: 1.0},
      r"\bjoin\s+(?:our|the|my)\s+(?:\w+\s+){0,2}team\b|\bengineering\s+teams?\b"),
    R("job perks", {RC: 1.6},
      r"\b(?:we\s+offer|offers?|with)\s+(?:some\s+)?(?:amazing|great|excellent|generous"
      r"|attractive)\s+(?:perks|benefits)\b"
      r"|\bbenefits\s+package\b|\bstock\s+options\b"),
    R("job description", {RC: 1.2},
      r"\bwill\s+be\s+(?:involved\s+in|responsible\s+for)\b|\bthe\s+successful\s+candidate\b"
      r"|\bresponsibilities\s+include\b|\b\d\+?\s+years\s+of\s+(?:\w+\s+)?experience\b"),
    R("looking for a specific hire", {RC: 1.5},
      r"\b(?:looking\s+for|seeking|need|hiring)\b[^\n]{0,30}?\b(?:developer|engineer|designer"
      r"|programmer"
      r"|product\s+manager|data\s+scientist|analyst|architect|devops|illustrator|copywriter"
      r"|translator|freelancer|(?:marketing|sales|engineering|project)\s+manager)s?\b"),
    R("you'd be a good fit", {RC: 1.5},
      r"\b(?:good|great|perfect|strong)\s+fit\s+(?:for|on)\s+(?:the|our|one\s+of|this|a)\b"
      r"|\byou\s+(?:may|might|would)\s+be\s+(?:a\s+)?(?:good|great)\s+fit\b"),
    R("co-founder hunting", {RC: 2.2},
      r"\bco-?founder\b|\blooking\s+for\s+an?\s+(?:technical\s+)?partner\s+to\s+(?:work|build"
      r"|join|start)"),
    R("talent agency", {RC: 2.0},
      r"\btalk\s+talent\b|\b(?:creative|digital|tech|top|local|international)\s+talent\b"),
    R("asks for a referral", {RC: 1.0, FR: 0.6},
      r"\bif\s+you\s+know\s+(?:of\s+)?(?:anyone|someone)\b|\b(?:know|recommend)\s+(?:anyone"
      r"|someone)\s+who\s+"
      r"(?:might|would|could)\s+be\s+(?:interested|a\s+good\s+fit)"),
    R("recruiter outreach", {RC: 1.8},
      r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:currently\s+)?recruiting\b|\brecruiting\s+for\b"
      r"|\breferral\s+(?:bonus|fee|reward)\b|\brepresenting\s+an?\s+(?:\w+\s+){0,3}?"
      r"(?:candidate|developer|engineer|designer|manager|professional)"
      r"|\b(?:technical|tech|it|senior|lead)\s+recruiter\b|\brecruiter\s+(?:at|for|with|from)\b"
      r"|\b(?:his|her|their)\s+(?:anonymi[sz]ed\s+|full\s+|updated\s+)?(?:cv|resume)\b"
      r"|\brequirement\s*:"
      r"|\b(?:urgent|immediate)\s+(?:requirement|opening|need)\b"),
    R("job opening", {RC: 2.0},
      r"\b(?:an?|the|our)\s+(?:[\w-]+\s+){0,3}?opening\s+(?:on|at|for|in|with)\b"
      r"|\bjob\s+openings?\b|\bopen\s+(?:roles?|positions?|reqs?)\b"
      r"|\bthe\s+(?:[\w-]+\s+){1,3}(?:role|position)\s+(?:at|with|on|in)\b"
      r"|\b(?:salary|pay)\s+(?:band|range)\b|\bfull\s+(?:jd|job\s+description)\b"),
    R("role details", {RC: 1.2},
      r"[$£€]\s?\d{2,3}(?:\s?[-–]\s?[$£€]?\d{2,3})?\s?k\b|\b(?:\+|plus)\s+equity\b"
      r"|\bequity\s+(?:package|split)\b|\bhybrid\s+(?:\d|role|working)|\bfully\s+remote\b"
      r"|\bremote[- ]first\b|\b(?:4|four)[- ]day\s+(?:work\s+)?week\b|\bw2\b|\bc2c\b"
      r"|\bcontract\s+\d+\s+months\b|\b(?:paid|pay)\s+per\s+(?:project|hour|piece)\b"
      r"|\(m/w/d\)|\(h/f\)|\bcdi\b|\bpour\s+un\s+poste\s+de\b|\bpara\s+un\s+puesto\s+de\b"),
    R("job outreach (non-English)", {RC: 2.5},
      r"\b(?:reclutador\w*|recruteu(?:r|se)s?|chargée?\s+de\s+recrutement|personalberater\w*"
      r"|headhunterin|vacantes?|stellenangebot\w*|offre\s+d'emploi|oferta\s+de\s+(?:empleo"
      r"|trabajo)|estamos\s+buscando\s+(?:un|una|un/a)|suche\s+für\s+"
      r"(?:einen|unseren)\s+kunden)\b"),
    R("your profile caught my eye", {RC: 0.9, MR: 0.3},
      r"\bvotre\s+profil\s+a\s+retenu\b|\b(?:vi|he\s+visto)\s+tu\s+perfil\b"
      r"|\bihr\s+profil\s+(?:hat|ist)\b"),
    R("recruiter outreach", {RC: 1.5},
      r"\b(?:lead|leads|head|run|runs|manage|manages)\s+(?:\w+\s+)?(?:hiring|recruiting"
      r"|recruitment|talent\s+acquisition)\b"
      r"|\b(?:a\s+client\s+of\s+mine|my\s+client)\b[^.\n]{0,60}?\b(?:needs|wants|requires"
      r"|is\s+looking)\b"
      r"|\bconsider\s+a\s+(?:move|change|new\s+role)\b|\bopen\s+to\s+a\s+move\b"
      r"|\b(?:needs|hiring|looking\s+for|seeking)\s+an?\s+(?:head|director|vp|chief)\s+of\b"
      r"|\bbase\s+(?:salary\s+)?(?:up\s+to\s+|of\s+)?[$£€]\d"
      r"|\bcaught\s+our\s+(?:eye|attention)\b"),
    R("job outreach (non-English)", {RC: 2.5},
      r"\b(?:stellenbeschreibung|stelle\s+als|in\s+vollzeit|jornada\s+completa"
      r"|à\s+temps\s+plein|descripción\s+del\s+puesto|fiche\s+de\s+poste)\b"),
    # ---- sales pitch -----------------------------------------------------------------------
    R("I help companies like yours", {SP: 2.5},
      r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:help|helps|helped|assist|assisted|enable|empower)\s+"
      r"(?:[\w+-]+\s+){0,3}?(?:companies"
      r"|businesses|brands"
      r"|founders|startups|teams|agencies|dealerships|firms|clinics|organi[sz]ations"
      r"|professionals|owners"
      r"|coaches|e-?commerce|saas|b2b)\b|\b(?:companies|businesses)\s+like\s+yours\b"
      r"|\bhelping\s+(?:\w+\s+){0,2}?(?:companies|businesses|brands|dealerships|firms|founders"
      r"|teams"
      r"|startups|agencies)\b"),
    R("describes their product", {SP: 0.8},
      r"\b(?:our|my)\s+(?:\w+\s+){0,3}?(?:platform|solution|software|tool|services?|agency"
      r"|offering|technology|app|assistant|agent|sdk|api)\b"
      r"|\bis\s+a\s+new\s+approach\s+to\b"
      r"|\b(?:groundbreaking|revolutionary|game-changing|cutting-edge|innovative)\s+(?:\w+\s+)?"
      r"(?:technology|platform|solution|product|tool)\b"),
    R("pain-point opener", {SP: 1.5},
      r"\A\W{0,3}(?:struggling|tired\s+of|need\s+more|want\s+more"
      r"|looking\s+for\s+more)\s+(?:to\s+)?\w+"
      r"|\bnoticed\s+(?:that\s+)?your\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:low|slow|outdated"
      r"|not\s+ranking)\b|\b(?:companies|teams|founders|businesses|leaders"
      r"|people)\s+(?:at\s+your\s+stage|like\s+you|in\s+your\s+"
      r"(?:space|industry|role))\s+(?:often\s+|usually\s+|typically\s+)?(?:struggle|face"
      r"|tell\s+me|find)"),
    R("promises results", {SP: 2.0},
      r"\b(?:benefit|gain)\s+from\s+(?:using\s+)?(?:our|my)\b|\bhow\s+(?:we|\w+)\s+can\s+(?:help"
      r"|add\s+value"
      r"|save|grow|increase|boost|improve)\b|\badd\s+value\s+to\b|\bsav(?:e|ing)\s+(?:you\s+"
      r"|companies\s+"
      r"|your\s+\w+\s+)?(?:a\s+bunch\s+on\s+|time|money|\d+%)|\b(?:increase|boost|grow|double"
      r"|triple)\s+your\s+"
      r"(?:sales|revenue|leads|traffic|conversions|pipeline|roi|bookings|followers|engagement)"),
    R("lead generation", {SP: 2.0},
      r"\blead[- ]?gen(?:eration)?\b|\b(?:qualified|dead|old|more|new|warm|inbound|b2b)\s+leads\b"
      r"|\bappointment\s+setting\b|\bbooks?\s+appointments\b"),
    R("SEO services", {SP: 1.5},
      r"\bseo\b|\bsearch\s+engine\s+optimi[sz]ation\b|\b(?:first|top)\s+page\s+(?:of"
      r"|on)\s+google\b"),
    R("web design pitch", {SP: 2.0},
      r"\b(?:re)?design(?:ing)?\s+(?:your|a\s+new|the)\s+(?:website|site|web\s+site)\b"
      r"|\bweb(?:site)?\s+(?:re)?design\b|\bmobile[- ]friendly\b|\bapp\s+development\b"
      r"|\bdevelop\s+(?:your|a\s+custom)\s+(?:app|website|software)\b"
      r"|\bwe\s+(?:build|design|develop|create)\s+(?:\w+\s+)?(?:websites?|apps|mobile\s+apps"
      r"|landing\s+pages)\b"),
    R("price list", {SP: 1.0},
      r"\b(?:starting|starts|prices?\s+start)\s+(?:at|from)\s+(?:\$|£|€)\s?\d|\brate\s+card\b"
      r"|\bpricing\s+sheet\b"),
    R("outsourcing pitch", {SP: 2.0},
      r"\boutsourc\w+|\boffshore\s+(?:team|development)|\bdedicated\s+(?:developers|team|resources)"
      r"|\bdedicated\s+remote\s+(?:developers|engineers|team)"
      r"|\bat\s+a\s+fraction\s+of\s+the\s+cost\b"
      r"|\bstaff\s+augmentation|\bwhite[- ]label"),
    R("selling contact lists", {SP: 2.0},
      r"\b(?:attendee|e-?mail|b2b|decision[- ]maker|contact)\s+(?:lists?|database)\s+(?:of|for"
      r"|with|from)\b"),
    R("link to a demo", {SP: 1.2, MR: 0.3},
      r"\b(?:\d+[- ]?(?:minute|min)\s+|product\s+|video[- ]based\s+|quick\s+|live\s+"
      r"|free\s+)?demo\b"),
    R("free offer hook", {SP: 1.5},
      r"\bfree\s+(?:trial|audit|consultation|quote|analysis|strategy\s+session)\b"
      r"|\bno\s+strings(?:\s+attached)?\b"
      r"|\bwant\s+me\s+to\s+send\s+(?:it|you|over)\b|\bmind\s+if\s+i\s+(?:share|send)\b"
      r"|\b\d+%\s+(?:off|discount)\b"),
    R("built something for you", {SP: 1.5, FR: 0.3},
      r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:built|created|developed|been\s+building)\s+(?:an?\s+"
      r"|my\s+|our\s+)?"
      r"(?:quick\s+)?(?:ai|automation|tool|system|platform|app|software|solution)"
      r"|\b(?:built|created)\s+an?\s+(?:quick\s+)?(?:ai|automation)"),
    R("name-drops clients", {SP: 1.5},
      r"\b(?:clients?|customers)\s+(?:include|like|such\s+as)\b"
      r"|\bcontributed\s+to\s+the\s+following\b"
      r"|\btrusted\s+by\b|\bone\s+client\b|\bcase\s+stud(?:y|ies)\b"),
    R("sales question", {SP: 1.5},
      r"\bare\s+you\s+looking\s+to\s+(?:redesign|increase|grow|improve|boost|get|generate|scale)\b"
      r"|\bwould\s+you\s+be\s+interested\s+in\s+(?:learning|hearing|seeing|our)\b"
      r"|\bis\s+that\s+not\s+a\s+priority\b"),
    R("sales title", {SP: 1.0, MR: 0.3},
      r"\b(?:business\s+development\s+(?:manager|executive|representative)|account\s+executive"
      r"|sales\s+(?:manager|executive|representative|rep)|growth\s+consultant)\b"),
    R("not trying to sell anything", {SP: 1.2, FR: 0.6, MR: 0.6},
      r"\b(?:not|never)\s+(?:trying|here|looking|going)\s+to\s+(?:sell|pitch)\b"
      r"|\bno\s+sales\s+pitch\b"
      r"|\bnot\s+a\s+(?:sales\s+)?pitch\b|\bthis\s+isn't\s+a\s+(?:sales\s+)?pitch\b"
      r"|\bi\s+don't\s+want\s+to\s+(?:waste|take\s+up)\s+(?:any\s+of\s+)?your\s+time\b"),
    R("pitches right after connecting", {SP: 0.6, MR: 0.6, FR: 0.3},
      r"\b(?:thanks|thank\s+you|thx)\s+(?:so\s+much\s+)?for\s+(?:connecting|accepting"
      r"|the\s+connection"
      r"|adding\s+me)|\bnow\s+that\s+we're\s+connected\b|\bglad\s+we\s+connected\b"),
    R("canned connection note", {SP: 2.2},
      r"\b(?:have|add)\s+you\s+(?:to|in)\s+my\s+(?:professional\s+)?network\b"
      r"|\bjoin\s+my\s+(?:professional\s+)?(?:linkedin\s+)?network\b|\bwe\s+should\s+connect\b"
      r"|\blooking\s+to\s+connect\s+with\s+(?:other\s+)?(?:thought\s+leaders|like-minded|professionals|leaders)\b"
      r"|\blinkedin\s+recommended\b|\b(?:a\s+lot|lots|legs)\s+in\s+common\b|\bperson\s+i\s+trust\b"
      r"|\byou\s+(?:looked\s+at|viewed|visited)\s+my\s+profile\b|\bbuild\s+my\s+network\b"),
    R("self-promotion", {SP: 2.0},
      r"\bget(?:ting)?\s+the\s+word\s+out\b|\bupdate\s+with\s+my\s+(?:linkedin\s+)?(?:community"
      r"|network)\b"
      r"|\bcheck\s+out\s+(?:my|our)\s+(?:new\s+)?(?:website|blog|course|podcast|offer|page)\b"
      r"|\bwith\s+my\s+linkedin\s+(?:community|network|connections)\b"),
    R("flattery with no specifics", {SP: 0.3, MR: 0.3, RC: 0.3, FR: 0.2, SC: 0.2},
      r"\b(?:fascinating|impressive|amazing|incredible|remarkable|stellar|outstanding)\s+"
      r"(?:background|profile|experience|career|journey|achievements|work\s+in)\b"
      r"|\bthought\s+leaders?\b"
      r"|\bimpressive\s+stuff\b|\bkilling\s+it\b|\bimpressed\s+(?:with|by)\s+your\s+(?:rating"
      r"|profile|background)\b"
      r"|\bgreat\s+people\b", generic=True),
    R("says you don't know each other", {**COLD_ANY, GE: -0.8},
      r"\bwe\s+(?:don't|do\s+not)\s+know\s+each\s+other\b|\bwe(?:'ve|\s+have)?\s+never\s+met\b"
      r"|\byou\s+don't\s+know\s+me\b|\bdon't\s+(?:recall|remember)\s+(?:when"
      r"|how)\s+we\s+(?:connected|met)\b"
      r"|\bsorry\s+to\s+bother\s+you\b|\bwe\s+(?:haven't|have\s+not|never)\s+(?:actually\s+)?"
      r"worked\s+together\b"),
    R("describes their service", {SP: 1.5},
      r"\b(?:we\s+are|we're)\s+an?\s+(?:leading\s+|boutique\s+|full-service\s+|small\s+)?"
      r"(?:\w+\s+){0,3}?(?:agency|studio|firm|consultancy|company|team)\s+(?:providing|offering"
      r"|specializing|specialising|that\s+(?:helps|builds|provides))"
      r"|\bi\s+run\s+an?\s+(?:\w+\s+){0,3}?(?:agency|firm|studio|consultancy)\b"
      r"|\b(?:we\s+are|we're)\s+an?\s+(?:[\w-]+\s+){0,3}?(?:agency|studio|consultancy)\b"
      r"|\b(?:providing|we\s+provide|we\s+offer|offering)\s+(?:\w+[ ,&/]+){0,6}?services\b"
      r"|\bour\s+team\s+of\s+\d+"
      r"|\b(?:work|works|working)\s+(?:exclusively|only|mostly)\s+with\b"
      r"|\bi\s+(?:write|rewrite|create|make|design|build|produce|edit|shoot|optimi[sz]e)\s+"
      r"(?:\w+[- ]){0,4}?(?:\w+\s+)?for\s+(?:\w+\s+){0,3}?(?:companies|brands|businesses"
      r"|startups|agencies|founders|clinics|teams|creators|coaches|restaurants|shops|consultants"
      r"|freelancers|professionals|realtors|lawyers|dentists)\b"
      r"|\bno\s+credit\s+card\s+(?:needed|required)\b"),
    R("claims results in numbers", {SP: 1.2},
      r"\b(?:save|saves|saved|saving|cut|cuts|reduce|reduces|reduced|increase|increases"
      r"|boost|boosts|grow|grows|book|books|resolve|resolves|automate|automates|recover|recovers"
      r"|recovered|generate|generates|generated|drive|drives|handle|handles)\s+(?:\w+\s+){0,3}?(?:by\s+|up\s+to\s+)?\d[\d,.]*"
      r"(?:\s?[-–]\s?\d+)?\+?\s?(?:%|x\b|hours|leads|meetings|calls|appointments|sales|clients"
      r"|customers|patients)"
      r"|\b(?:guaranteed|proven)\s+results\b|\bdelivered\s+\d+\+?\s+projects\b"
      r"|\b\d+\+\s+(?:clients|customers|companies|brands|projects|founders|businesses)\b"),
    R("offers samples or a proposal", {SP: 1.5},
      r"\b(?:can|could|shall|should|may)\s+i\s+(?:send|share)\s+(?:you\s+|over\s+)?(?:a\s+|some\s+"
      r"|our\s+|my\s+|the\s+)?(?:few\s+)?(?:\w+\s+)?(?:proposal|samples?|portfolio|case\s+stud\w+"
      r"|deck|pricing|quote|brochure)"
      r"|\b(?:send|share)\s+(?:you\s+)?(?:over\s+)?(?:our|my)\s+(?:portfolio|brochure|rate\s+card"
      r"|pricing|proposal|case\s+stud\w+)"
      r"|\bsee\s+some\s+(?:samples|examples\s+of\s+(?:my|our))\b"
      r"|\bproposal\s+with\s+pricing\b|\baffordable\s+(?:rates|prices|pricing)\b"
      r"|\bflat\s+(?:fee|rate)\b|\bmonthly\s+(?:fee|retainer)\b"
      r"|\breply\s+(?:with\s+)?\W?(?:yes|interested)\b"
      r"|\bwould\s+you\s+be\s+interested\s+in\s+(?:acquiring|purchasing|buying|getting|a\s+free)\b"),
    R("price list", {SP: 1.0},
      r"\b(?:packages?|plans?|prices?|rates?)\s+start(?:ing)?\s+(?:at|from)\b"
      r"|[$£€]\s?\d[\d,.]*\s*(?:/|per\s+|an?\s+)"
      r"(?:hour|hr|month|video|post|page|article|project)\b"),
    R("your website has problems", {SP: 1.5},
      r"\b(?:checking|came\s+across|visited|looked\s+at|was\s+on|reviewed)\s+your\s+"
      r"(?:website|site|web\s+site|online\s+store)\b[^\n]{0,60}?\b(?:noticed|issues|problems"
      r"|errors)\b"
      r"|\b(?:your|the)\s+(?:website|site|blog)\s+(?:\w+\s+){0,3}?(?:is\s+not|isn't|not)\s+"
      r"(?:showing\s+up|ranking|updated|mobile)"
      r"|\b(?:loads?|loading)\s+slow\w*|\bdesign\s+(?:looks|is|seems)\s+(?:a\s+bit\s+)?"
      r"(?:dated|outdated|old)\b|\borganic\s+traffic\b|\bkeywords\b"),
    R("selling contact lists", {SP: 2.0},
      r"\battendees?\s+(?:lists?|data)\b|\bverified\s+(?:contacts|e-?mails|leads|records)\b"
      r"|\bmailing\s+lists?\b"),
    R("sales pitch (non-English)", {SP: 2.0},
      r"\b(?:ayudamos\s+a|nuestra\s+(?:solución|plataforma|agencia|empresa\s+ofrece)"
      r"|nuestro\s+(?:software|servicio)|caso\s+de\s+éxito|nous\s+aidons|notre\s+(?:solution"
      r"|plateforme|logiciel|outil|agence|offre)|wir\s+helfen|unsere\s+(?:lösung|software"
      r"|plattform|agentur)|agentur\s+für|kostenlose\s+(?:analyse|beratung|demo)"
      r"|(?:audit|analyse|essai|diagnostic)\s+gratuit\w*|démonstration|demostración)"),
    R("bump to the top", {SP: 0.7, MR: 0.6, FR: 0.3, RC: 0.3},
      r"\bbump(?:ing)?\s+(?:this|my\s+(?:note|email|message))\b|\bfloating\s+this\b"
      r"|\bcircling\s+back\s+(?:on|to)\s+my\b|\btop\s+of\s+your\s+inbox\b"
      r"|\bfollowing\s+up\s+on\s+my\s+(?:\w+\s+)?(?:note|email|e-mail|message)\b",
      generic=True),
    R("supplier spam", {SP: 2.0},
      r"\bwe\s+are\s+(?:an?\s+)?(?:leading\s+|professional\s+)?(?:\w+\s+){0,3}?(?:manufacturer"
      r"|supplier|exporter|wholesaler|distributor|factory)s?\b"
      r"|\b(?:send|share)\s+(?:us\s+|me\s+)?your\s+(?:\w+\s+)?requirements?\b"
      r"|\bbest\s+(?:price|quote|rates)\b|\blow\s+moq\b"),
    R("sells to your hiring", {SP: 2.0, RC: -1.5},
      r"\b(?:noticed|saw|see)\s+(?:that\s+)?(?:you're|you\s+are|your\s+(?:team|company)\s+is)\s+"
      r"(?:hiring|growing|scaling)\b|\b(?:near|off)shore\b|\bshare\s+some\s+(?:developer\s+)?"
      r"profiles\b"),
    R("introduces themself as a vendor", {SP: 1.5},
      r"\bi\s+am\s+an?\s+(?:professional|freelance|certified|experienced|expert)\s+(?:\w+\s+){0,2}?"
      r"(?:designer|developer|writer|marketer|consultant|photographer|editor|expert|specialist"
      r"|copywriter|videographer)\b"
      r"|\bcould\s+(?:really\s+|greatly\s+)?benefit\s+from\b"
      r"|\bno[- ]obligation\b|\bfree\s+(?:\w+[- ]){1,2}(?:quote|audit|consultation|trial)\b"),
    # ---- meeting request -------------------------------------------------------------------
    R("vague call request", {MR: 1.5},
      r"\b(?:quick|brief|short|\d{1,2}(?:\s?-\s?\d{1,2})?)[- ]?(?:min(?:ute)?s?[- ])?"
      r"(?:intro(?:ductory)?\s+|discovery\s+|exploratory\s+|zoom\s+|phone\s+|video\s+)?"
      r"(?:call|chat|conversation|meeting|zoom|catch[- ]up)\b"),
    R("asks to meet or talk", {MR: 1.5},
      r"\b(?:hop|jump|get)\s+on\s+a\s+(?:quick\s+|short\s+|brief\s+)?(?:call|zoom)\b"
      r"|\b(?:set\s+up|schedule|book|arrange)\s+(?:a\s+)?(?:short\s+|quick\s+)?(?:time|call"
      r"|meeting|chat)\b"
      r"|\bphone\s+conversation\b|\b(?:speak|talk)\s+with\s+(?:you|me)\b|\bmeet\s+(?:up"
      r"|with\s+you)\b"
      r"|\bcan\s+we\s+(?:meet|talk|chat)\b|\bcall\s+me\s+on\b|\bbriefly\s+speak\b"),
    R("coffee with a stranger", {MR: 2.0},
      r"\b(?:grab|get|have|meet\s+for|come\s+in\s+for|over)\s+(?:a\s+)?(?:virtual\s+)?coffee\b"
      r"|\bcoffee\s+chat\b"),
    R("pick your brain", {MR: 2.2},
      r"\bpick\s+your\s+brain\b|\binformational\s+interview\b|\blearn\s+(?:more\s+)?(?:about"
      r"|from)\s+your\s+"
      r"(?:experience|career|journey|path)\b|\binsights?\s+from\s+(?:you|someone)\b"
      r"|\b(?:do|would)\s+you\s+have\s+\d{1,2}\s+minutes\b"
      r"|\b\d{1,2}\s+minutes\s+for\s+an?\s+(?:quick\s+)?"
      r"(?:zoom\s+|phone\s+|video\s+)?(?:call|chat)\b"
      r"|\bspare\s+(?:\d{1,2}(?:\s?-\s?\d{1,2})?|a\s+few)\s+minutes\b"
      r"|\b\d{1,2}(?:\s?-\s?\d{1,2})?\s+minutes\s+to\s+(?:speak|talk|chat)\b"
      r"|\b(?:chat|talk|speak)\s+(?:with\s+you\s+)?for\s+(?:\d{1,2}|a\s+few)\s+minutes\b"),
    R("explore synergies", {MR: 2.2},
      r"\bsynerg\w*|\b(?:partnership|collaboration)\s+(?:opportunit\w+|between)\b"
      r"|\bexplor\w*\s+(?:a\s+|potential\s+|possible\s+)?(?:partnership|collaboration|synerg\w+)"
      r"|\bexplor\w*\s+(?:how|ways)\s+(?:we|our\s+\w+)\s+(?:could|can|might)\s+(?:work"
      r"|collaborate|partner)"
      r"|\bwin[- ]win\b|\bstrategic\s+partnerships?\b|\bpartner\s+ecosystem\b"),
    R("calendar link", {MR: 1.5, SP: 0.3},
      r"\bcalendly\b|\bcalendar[_ ]link\b|\bhere's\s+my\s+(?:cal|calendar)\b"
      r"|\bschedule\s+a\s+call\b"),
    R("vague call request", {MR: 1.0},
      r"\bworth\s+a\s+(?:brief\s+|quick\s+|short\s+)?(?:conversation|chat|call)\b"
      r"|\bopen\s+to\s+a\s+(?:quick\s+|brief\s+)?(?:chat|call|conversation)\b"
      r"|\bare\s+you\s+free\s+(?:for|to|this|next)\b"
      r"|\bwould\s+love\s+to\s+(?:chat|talk|speak)\b|\bget\s+to\s+know\s+(?:you|each\s+other"
      r"|my\s+connections)\b"
      r"|\bget\s+acquainted\b|\basking\s+for\s+contact\s+to\s+meet\b"
      r"|\blearn\s+more\s+about\s+(?:what\s+you\s+do|you\s+and\s+your|your\s+(?:business"
      r"|company|role))\b"),
    R("call to see if they can help you", {MR: 0.8, SP: 0.6},
      r"\b(?:see|discuss|explore)\s+(?:if|whether|how)\s+(?:my|our|we)\b"),
    R("cold opener", COLD_ANY,
      r"\b(?:i'm|i\s+am)\s+reaching\s+out\s+(?:from|on\s+behalf\s+of)\b"
      r"|\bi\s+hope\s+this\s+(?:e-?mail|message)\s+finds\s+you\b"),
    R("coffee with a stranger", {MR: 2.0},
      r"\bvirtual\s+coffee\b|\bup\s+for\s+(?:a\s+)?coffee\b|\bfancy\s+a\s+coffee\b"
      r"|\bcoffee\s+(?:sometime|together|with\s+you)\b"),
    R("vague call request", {MR: 1.0},
      r"\b(?:would|i'd)\s+love\s+to\s+(?:find|grab|get|set\s+up)\s+(?:\d{1,2}|a\s+few|some)\s+"
      r"(?:minutes|mins|time)\b|\b\d{1,2}\s+minutes\s+to\s+connect\b|\bfind\s+time\s+to\s+connect\b"
      r"|\b(?:convenient|good)\s+time\s+(?:for\s+(?:a\s+)?(?:call|chat|meeting)|to\s+(?:talk|connect"
      r"|chat|speak|meet))\b"
      r"|\bopen\s+to\s+a\s+(?:short\s+|quick\s+|brief\s+)?(?:virtual\s+)?(?:coffee|call|meeting)\b"
      r"|\bhear\s+(?:more\s+)?about\s+what\s+you're\s+(?:working\s+on|building|doing)\b"
      r"|\bget\s+to\s+know\s+(?:\w+\s+){0,3}?(?:network|connections|people)\b"
      r"|\bget\s+to\s+know\s+you\s+better\b|\bswap\s+(?:notes|ideas)\b"
      r"|\brun\s+(?:something|an\s+idea)\s+by\s+you\b"),
    R("asks for time on your calendar", {MR: 1.6},
      r"\b(?:grab|get|find|steal|borrow)\s+(?:\d{1,2}|a\s+few)\s+(?:mins?|minutes)\b"
      r"|\bon\s+your\s+calendar\b|\btime\s+on\s+your\s+(?:calendar|schedule)\b"),
    R("asks for a call (non-English)", {MR: 1.6},
      r"\bkurze[sn]?\s+(?:telefonat|gespräch|austausch|call)\b|\btelefontermin"
      r"|\b\d{1,2}\s+(?:minuten|minutos)\b|\b(?:llamada|videollamada|conocernos)\b"
      r"|\bun\s+créneau\b|\bun\s+(?:bref\s+|court\s+)?(?:échange|appel|rendez-vous)\b"
      r"|\béchanger\s+avec\s+vous\b|\bmit\s+ihnen\s+austauschen\b"),
    R("content-free call request", {MR: 0.8},
      r"\A\W{0,3}(?:(?:hi|hey|hello)\W{1,3}(?:\w{1,20}\W{1,3})?)?(?:quick|short|brief)\s+"
      r"(?:call|chat|question)\s*\?\W{0,5}\Z"),
    R("career-exploration ask", {MR: 1.0, FR: 0.6},
      r"\bhow\s+you\s+(?:got\s+(?:started|into|your\s+start)|broke\s+into|made\s+the\s+"
      r"(?:switch|move|transition))\b|\b(?:break|breaking)\s+into\b"
      r"|\b(?:exploring|interested\s+in)\s+(?:\w+\s+)?careers?\s+in\b"
      r"|\b(?:recent|new)\s+grad(?:uate)?\b|\balumni\s+(?:group|network|directory|association)\b"
      r"|\bmov(?:e|ing)\s+from\s+\w+\s+into\b|\bgetting\s+into\b"
      r"|\bi'm\s+(?:an?\s+)?(?:\w+[- ]){0,3}?(?:student|graduate)\b"),
    R("explore synergies", {MR: 2.0},
      r"\b(?:discuss|explore|see)\s+how\s+(?:we|our\s+\w+)\s+(?:might|could|can|may)\s+"
      r"(?:collaborate|work\s+together|partner)\b"
      r"|\b(?:our|both)\s+(?:teams|companies|organi[sz]ations|businesses|brands)\s+(?:to\s+)?"
      r"(?:could\s+|can\s+|might\s+)?(?:work\s+together|collaborate|partner)\b"
      r"|\bshare\s+(?:common|similar)\s+goals\b|\bmutually\s+beneficial\b"
      r"|\b(?:head|director|vp|lead)\s+of\s+partnerships\b|\bi\s+lead\s+partnerships\b"
      r"|\bsynergies\b"),
    R("networking with strangers", {MR: 1.0},
      r"\b(?:expand|grow|build|widen)\s+my\s+(?:circle|network)\b|\bmeet\s+(?:more\s+)?people\s+"
      r"in\s+the\b|\bi'm\s+new\s+to\s+(?:the\s+)?\w+"
      r"|\bwould\s+you\s+be\s+up\s+for\s+an?\s+(?:\d{1,2}[- ]minute\s+|quick\s+|short\s+)?"
      r"(?:call|chat|zoom|coffee|meeting)\b"
      r"|\b(?:do|build|create|achieve)\s+(?:some\s+)?(?:interesting|great|amazing|big|cool)\s+"
      r"things\s+together\b"),
    # ---- favour request --------------------------------------------------------------------
    R("asks for free feedback", {FR: 2.5},
      r"\b(?:provide|give|share|offer)\s+(?:me\s+|us\s+)?(?:some\s+|your\s+|any\s+)?(?:honest\s+"
      r"|quick\s+)?"
      r"(?:thoughts|feedback|input|opinion|views|impressions)\b|\byour\s+(?:honest\s+)?feedback\b"
      r"|\bwould\s+you\s+(?:mind\s+)?(?:watch|review|test|try|evaluate)\b"
      r"|\btake\s+a\s+(?:quick\s+)?look\s+at\s+"
      r"(?:my|our)\s+(?:work|product|app|site|website|tool|draft|deck|project|paper)\b"
      r"|\bbeta[- ]test\w*"
      r"|\bvalidat(?:e|ing)\s+(?:that|this|my|the|an?)\b|\bpotential\s+use\s+cases\b"),
    R("asks you to answer questions", {FR: 2.5},
      r"\banswer(?:ing)?\s+(?:a\s+few|some|\d+|three|two|five)\s+(?:quick\s+|short\s+)?questions\b"
      r"|\bsurvey\b|\bquestionnaire\b|\bresearching\b[^.\n]{0,30}?\bfor\s+a\s+(?:paper|thesis"
      r"|dissertation)"),
    R("customer-discovery ask", {FR: 1.8, SP: 0.3},
      r"\b(?:understand|hear|learn\s+about)\s+your\s+(?:perspective|needs|challenges"
      r"|pain\s+points|experience\s+with)\b"
      r"|\bi'm\s+(?:building|developing|creating)\s+(?:a|an|my|\[)"
      r"|\bi'm\s+working\s+on\s+(?:a|an|my)\s+(?:new\s+)?(?:solution|product|tool|app|startup"
      r"|platform|\[)"),
    R("asks for an endorsement", {FR: 3.0},
      r"\bendorse\s+(?:me|my|us|our)\b|\bendorsements?\b|\b(?:writ(?:e|ing)|leav(?:e|ing)|giv(?:e"
      r"|ing)|provid(?:e|ing)|jot\s+down)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+)?"
      r"(?:short\s+|quick\s+|brief\s+)?(?:linkedin\s+)?(?:blurb|testimonial|recommendation|review"
      r"|rating)\b"
      r"|\bblurb\b"
      r"|\btestimonial\b|\bupvot\w+|\bon\s+product\s+hunt\b|\b(?:rate|review|upvote|vote\s+for"
      r"|star)\s+(?:my|our)\s+(?:app|book|product|repo|project|page)\b"
      r"|\bperson\s+whose\s+quote\b"),
    R("guest post / link exchange", {FR: 3.5},
      r"\bguest\s+(?:post|article|blog)\w*|\bpost\s+my\s+(?:writing|article|content)\b"
      r"|\b(?:contribute|write)\s+(?:an\s+)?articles?\s+for\s+your\b|\bsponsored\s+(?:post"
      r"|article)\b"
      r"|\b(?:exchang\w*|swap\w*|trad\w*)\s+links\b|\blink\s+(?:exchange|swap\w*)\b"
      r"|\breciprocal\s+link\w*"
      r"|\bback-?links?\b|\bpage\s?rank\b|\bplace\s+(?:a\s+|my\s+"
      r"|our\s+)?(?:simple\s+)?(?:client's\s+)?link\b"
      r"|\blink\s+directory\b|\badded\s+your\s+(?:site|website)\b|\bdear\s+webmaster\b"),
    R("asks for an introduction", {FR: 2.0},
      r"\b(?:introduce|refer|recommend)\s+me\s+to\b|\b(?:could|can|would)\s+you\s+(?:refer"
      r"|introduce|recommend)\s+me\b"
      r"|\bintroduction\s+to\s+(?:someone|anyone|your)\b|\bput\s+in\s+a\s+(?:good\s+)?word\b"
      r"|\bname\s+of\s+someone\s+who\b|\bactivate\s+my\s+(?:professional\s+)?network\b"),
    R("asks for mentoring", {FR: 1.8},
      r"\bmentorship\b|\b(?:be|become)\s+my\s+mentor\b|\bmentor\s+me\b|\bcareer\s+advice\b"
      r"|\bguidance\s+on\b"),
    R("asks for free promotion", {FR: 2.5},
      r"\bbring\s+(?:deserved\s+|more\s+)?attention\s+to\b|\b(?:feature|cover|review|mention"
      r"|share)\s+(?:my|our)\s+"
      r"(?:product|book|app|brand|startup|article)\b|\bshare\s+my\s+(?:\w+\s+)?(?:post|article"
      r"|launch)\s+with\s+your\b|\b(?:i|we)\s+invite\s+you\s+to\s+(?:take\s+a\s+look|read|review"
      r"|check\s+out|try)"
      r"|\bbrand\s+curation\b"),
    R("asks a favour", {FR: 1.0},
      r"\bi\s+need\s+(?:something|a\s+favou?r)\s+from\s+you\b|\b(?:ask"
      r"|asking)\s+(?:you\s+)?(?:for\s+)?a\s+"
      r"(?:small\s+|quick\s+|big\s+)?favou?r\b|\bwould\s+be\s+(?:most\s+|very\s+"
      r"|really\s+)?grateful\s+to\s+hear\b"
      r"|\bthanks\s+in\s+advance\s+for\s+your\s+(?:serious\s+)?consideration\b"),
    R("asks for free feedback", {FR: 2.2},
      r"\b(?:get|hear|collect|gather)\s+(?:your\s+|some\s+)?(?:honest\s+|quick\s+)?feedback\b"
      r"|\bfeedback\s+on\s+(?:my|our)\b|\btell\s+me\s+what\s+you\s+think\b"
      r"|\btake\s+a\s+(?:quick\s+)?look\s+at\s+(?:my|our)\s+(?:resume|cv|pitch|book"
      r"|manuscript|startup|prototype|landing\s+page)\b|\btake\s+a\s+(?:quick\s+)?look\s+at\s+my\s+"
      r"portfolio\b"
      r"|\b(?:tu|su)\s+opinión\b|\bvotre\s+avis\b|\bihre\s+meinung\b"
      r"|\b(?:darme|dame)\s+tu\s+feedback\b|\bprobarla\b|\bprobarlo\b"),
    R("asks you to answer questions", {FR: 2.0},
      r"\b(?:bachelorarbeit|masterarbeit|abschlussarbeit|doktorarbeit|tesis|thèse|mémoire)\b"
      r"|\b(?:ein\s+paar|einige)\s+fragen\b|\bquelques\s+questions\b|\balgunas\s+preguntas\b"
      r"|\bfill\s+(?:out|in)\s+(?:my|our|a|this)\s+(?:\w+\s+)?(?:form|poll)\b"),
    R("asks for an endorsement", {FR: 2.5},
      r"\bendors(?:e|ing)\s+(?:me|my|us|our)\b|\breturn(?:ing)?\s+the\s+favou?r\b"
      r"|\bstar\s+(?:the|my|our)\s+(?:repo|repository|project)\b"
      r"|\b(?:honest\s+)?reviews\s+on\s+(?:amazon|goodreads|g2|capterra|trustpilot|yelp)\b"),
    R("asks for free promotion", {FR: 2.2},
      r"\bshare\s+(?:it|this|them|(?:my|our|the)\s+(?:\w+\s+){0,2}?\w+)\s+with\s+your\s+"
      r"(?:followers|audience"
      r"|network|readers|subscribers|community)\b"
      r"|\b(?:guest|feature[d]?)\s+on\s+your\s+(?:podcast|show|channel|newsletter)\b"
      r"|\bhav(?:e|ing)\s+(?:her|him|them|me|us)\s+on\s+(?:your\s+(?:podcast|show)|as\s+a\s+guest)?"
      r"|\bguest\s+on\s+your\b|\bon\s+your\s+podcast\b"),
    R("guest post / link exchange", {FR: 3.0},
      r"\bdo-?follow\b|\bno-?follow\b|\bcontribute\s+(?:an?\s+)?(?:[\w-]+,?\s+){0,3}?"
      r"(?:article|post|piece|blog)\b"
      r"|\b(?:add|adding|include|including|insert|inserting)\s+(?:a\s+|my\s+|our\s+)?link\s+"
      r"(?:to\s+(?:it|my|our)|in\s+(?:the|your)\s+(?:article|post))"
      r"|\blink\s+back\s+to\b|\bauthor\s+bio\b"),
    R("asks for an introduction", {FR: 2.0},
      r"\b(?:introduce|refer|recommend)\s+me\b|\b(?:make|making)\s+an?\s+(?:quick\s+|warm\s+)?"
      r"intro(?:duction)?\b|\bconnected\s+with\s+(?-i:[A-Z][a-z]+)\b[^.\n]{0,60}?\bintroduc"),
    R("asks for advice", {FR: 1.6},
      r"\b(?:what|any)\s+(?:\w+\s+)?(?:advice|tips|suggestions|pointers)\s+(?:would|do|could"
      r"|can)\s+you\b|\bany\s+(?:advice|tips|pointers)\s+(?:would|you|on|for)\b"
      r"|\b(?:be|being|become|becoming)\s+my\s+mentor\b|\bconsider\s+mentoring\b"
      r"|\b(?:give|share|offer)\s+(?:me\s+)?(?:some\s+|any\s+)?(?:advice|tips|pointers|guidance)"
      r"\b"),
    R("asks a favour", {FR: 1.2},
      r"\bwould\s+you\s+be\s+(?:willing|able|open)\s+to\s+(?:share|write|nominate|send|give"
      r"|provide|help|spare|contribute|answer|review|read|look|fill|take|introduce|refer)\b"
      r"|\bcould\s+you\s+tell\s+me\s+(?:what|how)\s+you\b"),
    R("asks for an endorsement", {FR: 2.0},
      r"\bnominate\s+(?:me|us|my|our)\b|\bneed\s+(?:\w+\s+)?nominations\b"
      r"|\bvote\s+for\s+(?:me|us|my|our)\b"
      r"|\b(?:share|give|provide)\s+(?:me\s+|us\s+)?an?\s+(?:short\s+|quick\s+|brief\s+)?"
      r"(?:quote|comment|statement|soundbite)\b"),
    R("asks for free feedback", {FR: 2.2},
      r"\bmi\s+farebbe\s+piacere\s+(?:avere|ricevere|sapere|conoscere)\s+(?:\w+\s+){0,2}?(?:parere"
      r"|feedback|opinione)|\b(?:tuo|suo|vostro)\s+(?:sincero\s+)?(?:parere|feedback|opinione)\b"
      r"|\bcosa\s+ne\s+(?:pensi|pensa)\b|\bgostaria\s+(?:\w+\s+){0,3}?(?:sua|tua)\s+opinião\b"
      r"|\b(?:sua|tua)\s+opinião\b|\b(?:seu|teu)\s+feedback\b|\bo\s+que\s+(?:você\s+)?acha\b"),
    R("asks for career advice", {FR: 2.0},
      r"\b(?:advice|insights?|tips|pointers|perspective)\s+on\s+how\s+you\s+(?:got|broke|made"
      r"|landed|built|started|became|moved|switched|grew)\b"
      r"|\b(?:could|can|would)\s+you\s+(?:please\s+)?share\s+(?:any\s+|some\s+|a\s+few\s+|your\s+)?"
      r"(?:tips|advice|insights|pointers|lessons)\b"
      r"|\bwould\s+(?:love|appreciate|value)\s+(?:\w+\s+){0,2}?(?:advice|insights?|tips|pointers)\s+"
      r"(?:on|about)\s+(?:how|breaking|getting|landing|starting)\b"),
    R("asks for career advice", {FR: 0.8},
      r"\btrying\s+to\s+(?:break|get)\s+into\b"),
    # ---- cold cues written without the usual key words ---------------------------------------
    R("agency pitch", {SP: 2.2},
      r"\bwe\s+(?:design|build|develop|create|make|craft)\s+(?:,\s*|and\s+|&\s+)(?:\w+\s+)?"
      r"(?:design|build|develop|create|launch|maintain|market)\b"
      r"|\b(?:check\s+out|see|view|visit|browse)\s+our\s+(?:recent\s+)?(?:portfolio|work)\b"
      r"|\bour\s+(?:recent\s+)?portfolio\b|\bour\s+(?:core\s+|main\s+)?services\s+(?:include|range"
      r"|cover|span)\b"
      r"|\bwe\s+(?:also\s+)?offer\s+(?:\w+[ ,&/]+){0,3}?(?:services|packages|solutions|design"
      r"|development|marketing|seo|branding|consulting|consultancy|bookkeeping|plans)\b"
      r"|\bwe\s+speciali[sz]e\s+in\b"),
    R("recruiting cue", {RC: 2.0},
      r"\bsign[- ]on\s+bonus\b|\brelocation\s+(?:package|support|bonus)\b"
      r"|\b(?:we're|we\s+are)\s+(?:expanding|growing|building\s+out)\s+our\s+(?:\w+\s+){0,2}?team\b"
      r"|\bfür\s+(?:einen|unseren|meinen)\s+(?:\w+\s+){0,2}?(?:kunden|mandanten)\b"
      r"|\b(?:suche\s+ich|suchen\s+wir)\b|\bposition\s+als\b"
      r"|\b(?:una|la|questa)\s+posizione\b|\bposizioni\s+aperte\b|\bofferta\s+di\s+lavoro\b"
      r"|\b(?:nostro|un\s+nostro|importante)\s+cliente\b|\bricerchiamo\b|\bselezioniamo\b"
      r"|\bcandidat[oa]\s+ideale\b|\bnuestro\s+cliente\b|\bproceso\s+de\s+selección\b"
      r"|\bbuscamos\s+(?:un|una)\b|\b(?:una\s+)?posición\s+de\b|\bvaga\s+de\b|\bnosso\s+cliente\b"
      r"|\bprocesso\s+seletivo\b|\boportunidade\s+de\s+(?:emprego|trabalho)\b"
      r"|\bnotre\s+client\b|\bl'un\s+de\s+nos\s+clients\b"),
    # ---- genuine: relationship and specifics (README rule 2) --------------------------------
    R("thank-you note", {GE: 2.8},
      r"\bthank(?:s|\s+you)(?:\s+so\s+much|\s+very\s+much)?,?\s+(?:for\s+(?:this\s+(?:project"
      r"|library|tool|book)"
      r"|the\s+(?:project|book|library)|your\s+(?:book|help|support|project|library|hard\s+work"
      r"|kindness|advice"
      r"|generosity|guidance|\[)|all\s+(?:the|your)|sharing|making|writing|creating|maintaining)"
      r"|again\s+for)"
      r"|\bjust\s+(?:a\s+(?:little\s+)?note|wanted|want|writing)\s+to\s+(?:say\s+)?thank\b"
      r"|\bto\s+thank\s+(?:you|all)\b"
      r"|\bsaved\s+me\s+(?:a\s+(?:lot|bunch)\s+of\s+|so\s+much\s+)?(?:time|hours|days)\b"
      r"|\b(?:sincere|heartfelt)\s+"
      r"(?:thanks|gratitude)\b|\bthank\s+you\s+for\s+turning\s+me\b"),
    R("mentions meeting in person", {GE: 3.0},
      r"\b(?:thank\s+you|thanks)\s+for\s+(?:taking\s+the\s+time\s+to\s+)?(?:meet|meeting"
      r"|the\s+meeting|having\s+me)\b"
      r"|\b(?:great|nice|good|lovely|wonderful)\s+(?:to\s+meet|meeting|seeing|chatting\s+with"
      r"|catching\s+up\s+with)\s+you\s+"
      r"(?:at|yesterday|today|last|earlier|this\s+morning|the\s+other)\b"
      r"|\bour\s+(?:meeting|conversation|discussion|chat)\s+(?:yesterday|last|today|earlier|at"
      r"|about|of)\b"
      r"|\bwe\s+met\s+(?:at|in|last|yesterday|during)\b|\bas\s+(?:we\s+)?discussed\b"
      r"|\bleft\s+our\s+meeting\b"),
    R("existing relationship", {GE: 3.0},
      r"\b(?:former|old|ex-)\s?(?:colleague|co-?worker|classmate|teammate|boss|manager|student"
      r"|employee)\b"
      r"|\bwe\s+(?:used\s+to\s+)?work(?:ed)?\s+together\b|\bi\s+was\s+a\s+student\s+in\s+your\b"
      r"|\bour\s+(?:good\s+)?working\s+relationship\b|\bmy\s+employment\s+with\b"
      r"|\b(?:great|nice|loved|enjoyed)\s+working\s+with\s+you\b"
      r"|\bi\s+was\s+in\s+your\s+(?:\w+\s+){0,3}?(?:class|course|lab|seminar|team|group)\b"),
    R("named referral", {GE: 2.0},
      r"(?-i:\b(?!My\b|A\b|The\b|Someone\b|Our\b|One\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+"
      r"(?:gave|passed|sent|forwarded)\s+me\s+your\s+(?:e-?mail|address|details)\b"),
    R("named referral", {GE: 2.0},
      r"(?-i:\b(?!My\b|A\b|The\b|Someone\b|Our\b"
      r"|One\b)[A-Z][a-z]+)\b[^.\n]{0,30}?\bsuggested\s+(?:that\s+)?"
      r"I\s+(?:reach\s+out|contact\s+you|get\s+in\s+touch|write\s+to\s+you)"),
    R("ongoing work together", {GE: 1.2},
      r"\b(?:our|the)\s+(?:standup|stand-up|sprint|release|deploy(?:ment)?|build|deadline|offsite"
      r"|retro"
      r"|pull\s+request|code\s+review)\b|\bmy\s+manager\b|\bsame\s+(?:zoom\s+)?link\b"),
    R("catching up", {GE: 1.5},
      r"\blong\s+time\s+no\s+(?:see|talk)\b|\bit's\s+been\s+(?:a\s+while|ages|too\s+long|years)\b"
      r"|\bwhat\s+(?:have\s+)?you(?:'ve)?\s+been\s+up\s+to\b|\bhow\s+have\s+you\s+been\b"
      r"|\bwhere\s+are\s+you\s+working\s+now\b"),
    R("named mutual introduction", {GE: 3.0},
      r"(?-i:\b[A-Z][a-z]+,\s+meet\s+[A-Z][a-z]+)|\b(?:wanted|want|like|love|happy"
      r"|glad)\s+to\s+introduce\s+you\s+"
      r"(?:both\b|to\s+(?:my\s+(?:friend|colleague)|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
      r"(?:\s*\(cc|,?\s+(?:who|he|she)\b)))|\bi'll\s+leave\s+it\s+to\s+you\b"
      r"|\basked\s+(?:me\s+)?for\s+an\s+intro(?:duction)?\b"
      r"|\(cc'd\)|\byou\s+(?:two\s+|both\s+)?should\s+(?:connect|chat|talk|meet)\b"
      r"|\bmy\s+friend\s+(?-i:[A-Z][a-z]+)"
      r"|\bmutual\s+connection(?:\s+name)?\]?\s+and\s+i\s+were\s+(?:discussing|talking)"
      r"|(?-i:\b[A-Z][a-z]+)\s+and\s+I\s+were\s+(?:discussing|talking|chatting)\b"),
    R("reference request from someone you know", {GE: 1.5},
      r"\bletter\s+of\s+(?:recommendation|reference)\b|\brecommendation\s+for\s+(?:grad|graduate"
      r"|business|law|med)"
      r"|\breference\s+letter\b|\bas\s+a\s+(?:ref|reference)\b"),
    R("asks about buying your product", {GE: 3.0},
      r"\b(?:commercial|enterprise)\s+licen[cs]e\b|\bwhere\s+(?:can|could)\s+(?:i|we)\s+(?:buy"
      r"|purchase|order)\b"
      r"|\bwhat\s+(?:is|are)\s+the\s+(?:price|pricing|cost|licen[cs]e\s+terms)\b|\bprice\s+range\b"
      r"|\byou\s+have\s+(?:the|it|this)\s+\w+\s+listed\b|\bis\s+(?:it|this)\s+still\s+available\b"
      r"|\bdo\s+you\s+(?:ship|deliver)\b"),
    R("fan note", {GE: 2.5},
      r"\b(?:loved|love|enjoyed|adore)\s+(?:reading\s+)?your\s+(?:book|novel|writing|podcast"
      r"|music)\b"
      r"|\b(?:read|bought|finished|buy)\s+your\s+book\b|\bfavou?rite\s+(?:book|author|series"
      r"|passages)\b"
      r"|\bi\s+just\s+finished\s+[“\"]|\bi\s+just\s+loved\s+your\b|\bnext\s+book\b|\bsequel\b"),
    R("specific note on your work", {GE: 1.8},
      r"\b(?:great|loved|enjoyed)\s+(?:seeing|hearing|watching)\s+your\s+(?:\[|talk|panel|session"
      r"|presentation|keynote|webinar)"
      r"|\bi\s+(?:watched|attended|saw)\s+your\s+(?:webinar|talk|panel|session|presentation"
      r"|keynote)\b"
      r"|\breally\s+resonated\b|\byour\s+point\s+about\b|\bwanted\s+to\s+ask\b"
      r"|\bcurious\s+to\s+hear\s+your\b"
      r"|\bfollow\s+your\s+thinking\b|\bfound\s+your\s+views\b"),
    R("mentions meeting in person", {GE: 3.0},
      r"\bthank(?:s|\s+you)\s+(?:so\s+much\s+)?for\s+taking\s+the\s+time\s+to\s+(?:speak|talk"
      r"|chat|meet)\b|\b(?:speaking|talking|chatting)\s+with\s+(?:me|us)\s+(?:on|yesterday"
      r"|last|today|earlier|this)\b"
      r"|\b(?:great|nice|good|lovely)\s+to\s+(?:meet|see)\s+you\s+at\b"
      r"|\b(?:loved|enjoyed)\s+(?:catching\s+up|chatting|meeting\s+you)\b"
      r"|\bvielen\s+dank\s+für\s+(?:das|unser|ihr)\b|\bwie\s+besprochen\b|\bcomme\s+convenu\b"
      r"|\bcomo\s+(?:hablamos|quedamos|te\s+comenté)\b|\bqué\s+gusto\s+verte\b"
      r"|\bte\s+comenté\b|\bthanks\s+(?:so\s+much\s+|again\s+)?for\s+"
      r"(?:the\s+)?(?:workshop|session|talk|lecture|clinic|class|tour|dinner|lunch)\b"),
    R("existing relationship", {GE: 3.0},
      r"\bwhen\s+we\s+(?:were\s+)?(?:both\s+)?(?:at|worked)\b|\bwe\s+were\s+both\s+at\b"
      r"|\bsince\s+the\s+(?-i:[A-Z])\w+\s+days\b"
      r"|\b(?:same|your)\s+(?:cohort|class|section|seminar|lab)\b"
      r"|\b(?:we|i)\s+(?:shipped|built|ran|launched|led)\s+(?:\w+\s+){0,4}?together\b"
      r"|\bwe\s+ran\s+together\b|\bpendant\s+mon\s+stage\b|\bvous\s+remercier\b"),
    R("ongoing work together", {GE: 1.5},
      r"\b(?:before|after|at|in)\s+(?:the\s+)?(?:standup|stand-up|retro|sprint\s+planning"
      r"|all-hands)\b|\bmy\s+pull\s+request\b"
      r"|\bthe\s+(?:staging|prod|production)\s+(?:deploy|build|server)\b"
      r"|\bmy\s+(?:manager|team\s+lead)\b"),
    R("specific customer question", {GE: 1.5},
      r"\b(?:does|do|will|can)\s+(?:the|your|it|this)\s+(?:\w+\s+){0,2}?(?:support|work\s+with"
      r"|ship|include|come\s+with)\b[^?\n]{0,60}\?"
      r"|\bvolume\s+discount\b|\bwhat\s+would\s+(?:something\s+like\s+)?(?:that|this|it)\s+cost\b"
      r"|\border\s+#?\d{3,}|\b(?:refund|cancel)\s+(?:one\s+of\s+)?(?:the|my)\s+(?:charges?|order"
      r"|subscription)\b|\bis\s+there\s+a\s+way\s+to\b"
      r"|\bwhat's\s+your\s+availability\b|\boffice\s+hours\b"),
    R("no pressure", {GE: 0.5},
      r"\bno\s+rush\b|\bno\s+pressure\b"),
    R("existing relationship", {GE: 3.0},
      r"\bwe\s+(?:studied|went\s+to\s+(?:school|uni\w*|college)|trained|served)\s+together\b"
      r"|\bwe\s+were\s+(?:\w+\s+)?(?:classmates|colleagues|co-?workers|teammates|flatmates"
      r"|roommates|neighbou?rs)\b"
      r"|(?-i:\b[A-Z][a-z]+)\s+(?:introduced\s+us|put\s+us\s+in\s+touch|connected\s+us)\b"
      r"|\bthank(?:s|\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:the|your)\s+(?:kind\s+)?"
      r"(?:reference|recommendation|letter)\b"),
    R("neighbour", {GE: 3.0},
      r"\b(?:your|a|the)\s+(?:\w+\s+)?neighbou?r\b|\bnext[- ]door\b|\bacross\s+the\s+(?:hall"
      r"|landing|street)\b"
      r"|\bfrom\s+(?:flat|apartment|apt\.?|unit|house|no\.?|number|#)\s?\d{1,4}[a-z]?\b"
      r"|(?-i:\b(?:[Ii]t's|[Ii]t\s+is|[Tt]his\s+is)\s+[A-Z][a-z]+\s+from\s+(?:\d{1,4}[A-Za-z]?\b"
      r"|(?:flat|apartment|apt|unit|house|number)\s|(?:the\s+)?(?:\w+\s+)?(?:floor|building"
      r"|upstairs|downstairs)\b))"),
    R("existing relationship (non-English)", {GE: 3.0},
      r"\bzusammen\b[^.\n]{0,40}?\b(?:gearbeitet|studiert)\b|\bwir\s+waren\s+(?:\w+\s+)?(?:kollegen"
      r"|kommilitonen|nachbarn)\b|\b(?:ehemalige[rn]?|frühere[rn]?)\s+(?:kolleg\w*|kommiliton\w*"
      r"|chef\w*)|\bwir\s+haben\s+uns\s+(?:\w+\s+){0,4}?(?:kennengelernt|getroffen)\b"
      r"|\bnachbar\w*|\baus\s+der\s+wohnung\b|\bvon\s+nebenan\b"
      r"|\bdanke\s+(?:nochmals\s+)?für\s+(?:das|dein|ihr|die)\s+(?:empfehlungs\w+|referenz|zeugnis)"
      r"|\b(?:trabajamos|estudiamos|trabajábamos)\s+juntos\b|\bfuimos\s+compañer[oa]s\b"
      r"|\b(?:ex|antigu[oa])[\s-]?compañer[oa]\b|\bnos\s+conocimos\s+en\b|\bvecin[oa]s?\b"
      r"|\bgracias\s+(?:de\s+nuevo\s+)?por\s+(?:la|tu|su)\s+(?:carta|referencia|recomendación)"
      r"|\b(?:travaillé|étudié|bossé)\s+ensemble\b|\b(?:étions|était)\s+collègues\b"
      r"|\b(?:ancien|ancienne)\s+(?:collègue|camarade)\b|\bnous\s+nous\s+sommes\s+rencontrés\b"
      r"|\bon\s+s'est\s+rencontrés?\b|\bvoisin\w*"
      r"|\bmerci\s+(?:encore\s+)?pour\s+(?:la|votre|ta)\s+(?:lettre|référence|recommandation)"
      r"|\b(?:lavorato|studiato)\s+insieme\b|\bsiamo\s+stati\s+colleghi\b|\b(?:ex|vecchi[oa])\s+"
      r"collega\b|\bci\s+siamo\s+conosciuti\b|\bvicin[oi]\s+di\s+casa\b"
      r"|\bgrazie\s+(?:ancora\s+)?per\s+la\s+(?:lettera|referenza)"
      r"|\b(?:trabalhamos|trabalhámos|estudamos|estudámos)\s+juntos\b|\b(?:ex-?|antig[oa]\s+)colega\b"
      r"|\bnos\s+conhecemos\s+(?:em|na|no)\b|\bvizinh[oa]s?\b"
      r"|\bobrigad[oa]\s+(?:de\s+novo\s+)?pela\s+(?:carta|referência|recomendação)"),
)
# fmt: on

FEEDBACK_RULES = frozenset(
    {"asks for free feedback", "asks you to answer questions", "customer-discovery ask"}
)
SCAM_DECISIVE = 3.0  # this much deception evidence outranks any other cold reading
# README rule 2: evidence of a real relationship (worked or studied together, met in person, a
# neighbour, a named mutual introduction) makes a reasonable ask genuine even when it is worded
# like a favour, a job search or a meeting request.
RELATIONSHIP_RULES = frozenset(
    {
        "existing relationship",
        "existing relationship (non-English)",
        "mentions meeting in person",
        "named mutual introduction",
        "named referral",
        "neighbour",
    }
)
ASKS_A_RELATIONSHIP_EXCUSES = (FR, RC, MR)
RELATIONSHIP_COLD_CAP = 0.6  # a cold verdict against relationship evidence is never sure
CLOSING_ASK_BAR = 2.0  # this much pitch or job evidence makes a closing call request secondary

# Not a category vote: template residue only says "mass template" (genuine templates have it too).
MERGE_FIELD = _rx(
    r"\{\{?\s?[A-Za-z_][\w ./-]{0,40}\s?\}\}?"
    r"|\[(?:your|their|recipient|first|last|full|company|name|person|potential|insert|specific"
    r"|topic|problem|product|industry|field|title|role|date|event|link|survey|organi[sz]ation"
    r"|benefit"
    r"|mutual|project|add|solution|target)[^\]\n]{0,50}\]|\(\s?(?:employer|mobile\s+number"
    r"|email\s+address"
    r"|whatever|title\s+removed|A's\s+business|Unheard\s+Of[^)\n]{0,30})\s?\)|_{5,}"
)
SPECIFIC_QUESTION = _rx(r"(?:^|[.!?]\s+|\n)([^.!?\n]{12,160}\?)")
PERSONAL_DETAIL = _rx(
    r"\bi\s+saw\s+that\s+you(?:'ve|\s+have)?\s+(?:worked|work|wrote|built|spoke|are\s+an?)\b"
    r"|\byour\s+name\s+came\s+up\s+in\s+connection\s+with\b"
)


def _rule_index() -> tuple[dict[str, tuple[int, ...]], frozenset[int]]:
    by_key: dict[str, list[int]] = {}
    always = set()
    for i, rule in enumerate(RULES):
        if rule.pattern.keys is None:
            always.add(i)
            continue
        for k in rule.pattern.keys:
            by_key.setdefault(k, []).append(i)
    return {k: tuple(v) for k, v in by_key.items()}, frozenset(always)


# Which rules each key word can wake: with ~150 rules and ~30 key words in a message, looking
# the words up is cheaper than asking every rule (the same screen FastPattern.search starts with).
_RULES_BY_KEY, _RULES_ALWAYS = _rule_index()


def _candidates(present: frozenset[str]) -> list[Rule]:
    """The rules that can match, in table order (the order the scorer depends on)."""
    idx = set(_RULES_ALWAYS)
    for k in present:
        idx.update(_RULES_BY_KEY.get(k, ()))
    return [RULES[i] for i in sorted(idx)]


def _quote(text: str, start: int, end: int) -> str:
    """The matched words, trimmed to a short verbatim phrase (always a substring of text)."""
    start, end = _strip_span(text, start, end)
    if end - start > MAX_QUOTE:
        cut = text.rfind(" ", start, start + MAX_QUOTE)
        end = cut if cut > start + MAX_QUOTE // 2 else start + MAX_QUOTE
        start, end = _strip_span(text, start, end)
    return text[start:end]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n,;:-–—":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,;:-–—":
        end -= 1
    return start, end


def _confidence(
    scores: dict[Category, float],
    top: Category,
    evidence: float,
    length: int,
    related: bool = False,
) -> float:
    """Softmax probability of the winner, shrunk toward chance when evidence or text is thin."""
    exps = {c: math.exp(s / TEMPERATURE) for c, s in scores.items()}
    p = exps[top] / sum(exps.values())
    if length < 15:
        p = min(p, 0.45)
    if top is GE and evidence == 0:
        p = min(p, 0.6)  # "nothing cold found" is weaker than "relationship found"
    if top is not GE and related:
        p = min(p, RELATIONSHIP_COLD_CAP)
    return round(max(0.05, min(p, 0.97)), 3)


def assess(text: str) -> Assessment:
    """Classify one message. Pure, deterministic, never raises for any str."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    body = text[:MAX_CHARS]
    stripped = body.strip()
    if len(stripped) < 2:
        return Assessment(category=GE, confidence=0.2, language="en")

    scores = dict.fromkeys(Category, 0.0)
    scores[GE] = GENUINE_BASELINE
    scan = extract.Scan(body)  # lowered once, key words found once, for all rules
    hits: list[tuple[Rule, re.Match[str]]] = []
    seen: set[str] = set()
    for rule in _candidates(scan.present):
        m = rule.pattern.search(body, scan)
        if not m:
            continue
        hits.append((rule, m))
        if rule.name in seen and rule.weights.keys() == {SC}:
            # The same idea matched twice (two phrasings): count it, but not twice as much.
            for cat, w in rule.weights.items():
                scores[cat] += w / 2
            continue
        seen.add(rule.name)
        for cat, w in rule.weights.items():
            scores[cat] += w

    # README rule 4: asking for free feedback on the sender's product is a favour, even when
    # the message also describes the product or wants the feedback on a call.
    if any(r.name in FEEDBACK_RULES for r, _ in hits):
        lead = max(scores[SP], scores[MR])
        if lead > scores[FR]:
            scores[FR] = lead + 0.5

    # README rules 3 and 5: a call request that closes a product description is a pitch, and
    # one that closes job outreach is recruiting; the meeting is not the main ask there.
    best_cold = max((SP, FR, MR, RC, SC), key=lambda c: scores[c])
    if best_cold is MR:
        for cat in (RC, SP):
            if scores[cat] >= CLOSING_ASK_BAR:
                scores[cat] = max(scores[cat], scores[MR] + 0.3)
                break

    names = {r.name for r, _ in hits}
    # README rule 1 beats rule 2: a "wrong number" opener that claims a past meeting is a fake
    # persona, so its relationship claims count for nothing.
    fake_persona = "wrong-number opener" in names and scores[SC] >= 2.0
    related = not fake_persona and not names.isdisjoint(RELATIONSHIP_RULES)
    if fake_persona:
        scores[SC] = max(scores[SC], scores[GE] + 0.5)
    elif related and scores[SC] < SCAM_DECISIVE:
        ask = max(scores[c] for c in ASKS_A_RELATIONSHIP_EXCUSES)
        if ask >= scores[GE] and ask >= scores[SP]:
            scores[GE] = ask + 0.3

    # README rule 1: clear deception (phishing, advance fee, fake job with fees) is a scam
    # even when it is dressed up as a job offer or a chat request.
    if scores[SC] >= SCAM_DECISIVE and scores[SC] > scores[GE]:
        scores[SC] = max(scores[SC], max(scores[c] for c in (SP, FR, MR, RC)) + 0.5)

    cold = [c for c in Category if c is not GE]
    best_cold = max(cold, key=lambda c: scores[c])  # ties: enum order (sales first)
    top = best_cold if scores[best_cold] > scores[GE] else GE
    evidence = sum(w for r, _ in hits for c, w in r.weights.items() if c is top and w > 0)

    merge = MERGE_FIELD.search(body, scan)
    signals = _signals(body, hits, top, merge)
    generic = False
    if top.is_cold:
        generic = (
            bool(merge) or any(r.generic for r, _ in hits) or not PERSONAL_DETAIL.search(body, scan)
        )

    return Assessment(
        category=top,
        confidence=_confidence(scores, top, evidence, len(stripped), related),
        signals=signals,
        generic=generic,
        sender_name=extract.sender_name(body),
        offer=extract.offer(body, top, scan),
        ask=extract.ask(body, top, scan),
        language=extract.language(body),
    )


def _signals(
    text: str, hits: list[tuple[Rule, re.Match[str]]], top: Category, merge: re.Match[str] | None
) -> list[Signal]:
    """The reasons for the verdict, most important first, deduplicated by name."""
    ranked = sorted(hits, key=lambda h: -h[0].weights.get(top, 0.0))
    out: list[Signal] = []
    names: set[str] = set()
    for rule, m in ranked:
        w = rule.weights.get(top, 0.0)
        # A genuine verdict shows genuine evidence only; a cold one shows its own evidence
        # plus the "mass template" tells.
        if w <= 0 and not (top.is_cold and rule.generic):
            continue
        if rule.name in names:
            continue
        names.add(rule.name)
        out.append(Signal(signal=rule.name, quote=_quote(text, m.start(), m.end())))
    if top.is_cold and merge:
        out.append(
            Signal(signal="merge-field residue", quote=_quote(text, merge.start(), merge.end()))
        )
    if top is GE and len(out) < MAX_SIGNALS:
        q = SPECIFIC_QUESTION.search(text) if "?" in text else None
        if q:
            out.append(Signal(signal="specific question", quote=_quote(text, q.start(1), q.end(1))))
    return out[:MAX_SIGNALS]
