"""Scam rules: deception beats every other reading (README rule 1)."""

from __future__ import annotations

from bot.engine.offline.rule import SC, SP, R, Rule

# fmt: off
RULES: tuple[Rule, ...] = (
    R("verify_account", "asks you to verify an account", {SC: 3.0},
      r"\b(?:verify|confirm|validate|update|reactivate|upgrade|re-?confirm)\s+(?:your|the|their"
      r"|this)\s+"
      r"(?:e-?mail\s+|mailbox\s+|web\s?mail\s+|bank\s+|online\s+)?"
      r"(?:account|identity|information|details|log\s?in|credentials|mailbox|password)"),
    R("account_threat", "urgency / threat", {SC: 2.5},
      r"\baccounts?\b[^.\n]{0,40}?\b(?:terminat\w*|suspend\w*|clos(?:ed|ure|ing)|restrict\w*|"
      r"deactivat\w*|block(?:ed)?|delet\w*|compromised|disabled|locked)\b"
      r"|\b(?:delet|clos|suspend|terminat|deactivat)\w*\s+(?:all\s+)?(?:unused\s+|inactive\s+"
      r"|your\s+)?"
      r"(?:e-?mail\s+)?accounts?\b"),
    R("mailbox_quota", "mailbox quota", {SC: 3.0},
      r"\bmail\s?box\b[^.\n]{0,30}?\b(?:quota|full|storage|limit|size)\b|\bquota\b"),
    R("login_link", "login link", {SC: 2.0},
      r"\b(?:log(?:ging)?\s?in|sign(?:ing)?\s?in)\s*(?:here|now|below|:)|\bpassword\s+(?:expires"
      r"|has\s+expired|will\s+expire)\b"
      r"|\bkeep\s+your\s+(?:current\s+)?password\b|\b(?:user\s?name|pass\s?word)\s*[:=]"),
    R("security_notice", "security notice", {SC: 1.5},
      r"\b(?:security|system|database|data\s+base)\s+(?:upgrade|update|maintenance|check)\b"
      r"|\b(?:irregular|unusual|suspicious)\s+(?:activit\w+|log\s?ins?|sign-?ins?)"
      r"|\bverification\s+(?:office|department|team)\b|\bmessaging\s+cent(?:er|re)\b"),
    R("personal_data", "asks for personal data", {SC: 2.5},
      r"\b(?:government[- ]issued|photo\s+identification|photo\s+id\b|passport\s+(?:copy|number"
      r"|scan)"
      r"|copy\s+of\s+your\s+(?:passport|id\b|driver)|social\s+security\s+number|date\s+of\s+birth"
      r"|bank\s+(?:account\s+)?(?:details|information|number)|credit\s+card\s+(?:number|details))"),
    R("click_here", "click here", {SC: 1.2, SP: 0.2},
      r"\bclick\s+(?:\[?here\]?|the\s+(?:link|button)\s+below|below|this\s+link|on\s+the\s+link)"),
    R("advance_fee", "advance-fee pattern", {SC: 3.5},
      r"\b(?:inheritance|next\s+of\s+kin|beneficiar(?:y|ies)|compensation\s+(?:fund|payment|unit)"
      r"|unclaimed\s+(?:funds?|sum)|deceased\s+(?:customer|client|person|husband|wife)"
      r"|late\s+(?:husband|wife|father)|codicil|consignment|lottery|jackpot"
      r"|transfer\s+(?:of\s+)?(?:the\s+)?(?:funds?|sum|money)|claim\s+(?:the|your)\s+(?:total\s+)?"
      r"(?:sum|funds?|prize|payment)|business\s+proposal|award\s+recipient)\b"),
    R("large_sum", "large sum of money", {SC: 2.0},
      r"\d[\d,.]{0,12}\s?million\b|\bmillion\s+(?:five\s+hundred\s+thousand\s+)?(?:us\s+)?"
      r"(?:dollars|british\s+pounds|pounds|euros)\b|\b(?:usd|gbp|eur)\s?\d[\d,.]{0,12}\s?m\b"),
    R("untraceable_payment", "untraceable payment", {SC: 2.5},
      r"\b(?:western\s+union|money\s?gram|gift\s+cards?|bitcoin\s+atm|itunes\s+cards?)\b"),
    R("crypto_opener", "crypto / investment opener", {SC: 2.0},
      r"\b(?:crypto(?:currency)?\s+(?:trading|investment|platform)|bitcoin|usdt|forex"
      r"|trading\s+(?:platform|signals)|investment\s+(?:platform|opportunity)"
      r"|guaranteed\s+(?:returns?|profits?)|double\s+your\s+(?:money|investment))\b"),
    R("wrong_number_greeting", "wrong-number opener", {SC: 3.0},
      r"\A\W{0,3}(?:hi|hello|hey)\b[ ,]{0,3}(?:\w{1,20}[ ,]{0,3})?(?:right|is\s+(?:this"
      r"|that)\s+you)\s?\?\W{0,5}\Z"
      r"|\bwrong\s+number\b|\b(?:got|have|found)\s+your\s+(?:number|contact)\s+from\b"),
    R("content_free_bump", "content-free bump", {SC: 2.2},
      r"\bdid\s+you\s+(?:receive|get|see|read)\s+my\s+(?:previous|last|earlier|prior)\s+"
      r"(?:e-?mail|message|mail|letter)"
      r"|\A\W{0,3}(?:hi|hello)\W{0,3}can\s+i\s+(?:discuss|talk|speak)\s+(?:with"
      r"|to)\s+you\W{0,5}\Z"),
    R("off_channel_reply", "off-channel reply", {SC: 1.5},
      r"\breply\s+(?:strictly|only|directly|back)?\s*(?:through|to|via|at)\b[^.\n]{0,20}?"
      r"(?:\[email\]|@|e-?mail)|\b(?:contact|reach|text|message)\s+me\s+(?:on|via|through)\s+"
      r"(?:whatsapp|telegram|signal|wechat|hangouts)|\bwhatsapp\b"),
    R("urgency", "urgency / threat", {SC: 0.9},
      r"\b(?:urgent(?:ly)?|within\s+(?:24|48|72)\s+hours|act\s+now|don't\s+miss\s+out"
      r"|final\s+(?:notice|warning)|last\s+chance|secure\s+your\s+spot|limited\s+time)\b"),
    R("work_from_home", "work-from-home job", {SC: 1.5},
      r"\b(?:work\s+(?:from|at)\s+home|part[- ]time\s*/\s*full[- ]time|online\s+job"
      r"|no\s+experience\s+(?:needed|required)|working\s+hours\s*\(?can\s+be\s+arranged)"),
    R("easy_money", "promises easy money", {SC: 2.0},
      r"\bearn\s+(?:from\s+|up\s+to\s+)?(?:\$|usd|£|€)\s?\d|\bdaily\s+(?:pay|salary|income)\b"
      r"|(?:\$|usd|£|€)\s?\d[\d,]{0,8}\s?[-–]\s?(?:\$|usd|£|€)?\s?\d[\d,]{0,8}\s+(?:per|a"
      r"|/)\s*(?:day|week|month)"),
    R("fake_task_job", "fake task job", {SC: 1.5},
      r"\b(?:simple|easy)\s+(?:tasks?|online\s+work)\b|\bthe\s+work\s+is\s+(?:very\s+)?(?:simple"
      r"|easy)"
      r"|\bthrilling\s+news\b|\b(?:like|rate|review)\s+(?:youtube\s+|tiktok\s+)?(?:videos"
      r"|products)\s+and\s+earn\b|\boptimi[sz]e\s+(?:data|rankings|products|orders)"
      r"|\bage\s+\d\d\s?[-–]\s?\d\d\b"),
    R("platform_impersonation", "impersonates a platform", {SC: 2.0},
      r"\blinkedln\b|\b(?:github|linkedin|paypal|microsoft|apple|amazon|netflix|facebook|google)\s+"
      r"(?:recruitment|support|security|verification|account|billing)\s+(?:team|cent(?:er|re)"
      r"|department|office)"),
    R("scam_greeting", "scam greeting", {SC: 1.2},
      r"\A\W{0,3}(?:dear\s*,|(?:hello|hi),?\s+dear\b|greetings\s*!!|dear\s+(?:friend|beloved"
      r"|sir/madam"
      r"|sir\s+or\s+madam|(?:e-?mail\s+)?account\s+(?:holder|owner)|award\s+recipient|winner"
      r"|beneficiary|valued\s+customer)\b)"),
    R("fake_buyer", "fake buyer inquiry", {SC: 2.5},
      r"\b(?:saw|got|found|obtained|received)\s+your\s+(?:contact|name|e-?mail|company|details"
      r"|information)"
      r"\b[^.\n]{0,60}?\b(?:trading\s+site|banking|database|chamber\s+of\s+commerce)"
      r"|\breliable\s+supplier\b"),
    R("asks_for_trust", "asks for trust", {SC: 1.5},
      r"\b(?:can\s+(?:i|you)\s+trust|trustworthy\s+(?:person|partner)|strictly\s+confidential"
      r"|keep\s+(?:this|it)\s+(?:confidential|secret)|financial\s+relationship)\b"),
    R("official_persona", "official persona", {SC: 1.0},
      r"\b(?:sgt|sergeant|barrister|diplomat|lieutenant|colonel|us\s+army|un\s+peacekeep\w*"
      r"|director\s+of\s+claims|claims\s+department)\b"),
    R("asks_for_fee", "asks for a fee", {SC: 1.5},
      r"\b(?:pay|paying|payment\s+of)\b[^.\n]{0,30}?\b(?:fee|levy|levies|clearance|deposit)\b"
      r"|\b(?:processing|clearance|release|transfer|registration|activation)\s+(?:fee|charge)s?\b"
      r"|\b(?:small\s+)?deposit\s+(?:is\s+)?required\b|\bsmall\s+deposit\b"),
    R("pig_butchering", "pig-butchering opener", {SC: 1.8},
      r"\byou(?:\'ve|\s+have)\s+(?:achieved|accomplished)\s+(?:a\s+lot|so\s+much)\b|\b(?:hope|wish)\s+(?:that\s+)?we\s+(?:can|could)\s+"
      r"(?:chat|be\s+friends|become\s+friends|get\s+to\s+know\s+each\s+other)\b"
      r"|\bcan\s+we\s+be\s+friends\b"),
    R("document_lure", "shared-document lure", {SC: 1.8},
      r"\b(?:docusign|sharepoint|onedrive|one\s+drive|adobe\s+sign|wetransfer)\b"
      r"|\breview\s+(?:and|&)\s+sign\b|\b(?:review|view|open|access)\s+(?:the\s+)?document\b"
      r"|\bshared\s+an?\s+(?:secure\s+)?(?:file|document|folder)\s+with\s+you\b"),
    R("asks_for_password", "asks for your password", {SC: 2.0},
      r"\bsign(?:ing)?\s?in\s+with\s+your\b|\be-?mail\s+(?:address\s+)?and\s+password\b"
      r"|\benter\s+your\s+(?:\w+\s+)?(?:password|credentials|log\s?in|pin)\b"
      r"|\b(?:seed|recovery)\s+phrase\b|\b(?:connect|link|sync)\s+your\s+(?:\w+\s+)?wallet\b"
      r"|\bmetamask\b"),
    R("fake_charge", "fake charge / callback", {SC: 2.0},
      r"\bif\s+you\s+did\s+not\s+(?:authori[sz]e|make|request|recogni[sz]e|place)\b"
      r"|\b(?:has|have)\s+been\s+(?:charged|debited|billed)\b"
      r"|\bcall\s+(?:us|our\s+(?:\w+\s+)?(?:department|team|desk|line|support))\s+(?:immediately"
      r"|urgently|now|at)\b"),
    R("undelivered_parcel", "undelivered parcel", {SC: 2.5},
      r"\b(?:parcel|package|shipment)\b[^.\n]{0,40}?\b(?:could\s+not|couldn't|was\s+not"
      r"|unable\s+to)\s+be\s+delivered|\bcustoms\s+(?:fees?|duty|duties|charges?)\b"
      r"|\bfrais\s+de\s+(?:douane|livraison|port)\b|\bcolis\b[^.\n]{0,60}?\b(?:livr\w+|douane)"
      r"|\bpaquete\b[^.\n]{0,60}?\b(?:entreg\w+|aduana)|\bpaket\b[^.\n]{0,60}?\b(?:zustell\w+"
      r"|zoll)"),
    R("phishing_non_english", "phishing (non-English)", {SC: 3.0},
      r"\b(?:verifique|confirme|actualice|valide)\s+(?:sus|su)\s+(?:datos|cuenta|identidad"
      r"|información)"
      r"|\b(?:vérifiez|confirmez|validez)\s+(?:vos|votre)\s+(?:informations|identité|compte"
      r"|coordonnées|données)"
      r"|\bbestätigen\s+sie\s+ihre\s+(?:identität|daten|kontodaten|zugangsdaten|konto)"
      r"|\bkonto\s+(?:wurde\s+)?(?:\w+\s+){0,3}?gesperrt|\bcuenta\s+(?:ha\s+sido\s+)?"
      r"(?:bloqueada|suspendida)|\bcompte\s+(?:a\s+été\s+)?(?:suspendu|bloqué)"
      r"|\bacceso\s+no\s+autorizado|\baccès\s+non\s+autorisé|\bunbefugte[rn]?\s+zugriff"),
    R("link_below", "link below", {SC: 1.0},
      r"\b(?:follow|via|through|use|at)\s+the\s+link\s+below\b|\bsiguiente\s+enlace\b"
      r"|\blien\s+ci-dessous\b|\bfolgenden\s+link\b|\b(?:24|48|72)\s+(?:horas|heures|stunden)\b"),
    R("you_were_selected", "you have been selected", {SC: 1.2},
      r"\byou\s+(?:have\s+been|were|are)\s+(?:specially\s+|randomly\s+)?selected\s+(?:for|as"
      r"|to)\b|\bcongratulations\s*!"),
    R("payment_apps", "untraceable payment", {SC: 1.0},
      r"\b(?:zelle|cash\s?app|venmo|wire\s+transfer|usdt|steam\s+cards?)\b"),
    R("crypto_profits", "crypto / investment opener", {SC: 2.5},
      r"\b(?:trading|invest\w*\s+in)\s+crypto\w*|\bcrypto\w*\s+(?:profits?|returns?|signals)\b"
      r"|\bmade\s+(?:a\s+)?\d+%\s+(?:profit|returns?)|\b\d+%\s+(?:profit|roi|daily|weekly)\b"
      r"|\bteach\s+you\s+(?:how\s+)?(?:to\s+)?(?:invest|trade|earn|make\s+money|start)\b"),
    R("wrong_number_is_this", "wrong-number opener", {SC: 2.2},
      r"\A\W{0,3}(?:(?:hi|hello|hey)(?:\s+there)?\W{1,3})?(?:is\s+this|are\s+you)\s+(?:mr|mrs|ms"
      r"|miss|dr)?\.?\s?[A-Za-z]{2,20}\s?\?"
      r"|\A\W{0,3}(?:hi|hello|hey)\W{1,3}[A-Za-z]{2,20}\W{1,3}is\s+(?:this|that)\s+(?:you|really\s+you)"
      r"\s?\?"),
    R("important_matter", "content-free bump", {SC: 2.0},
      r"\b(?:important|urgent|confidential|private|lucrative)\s+(?:matter|issue|business"
      r"|proposal|information)\s+(?:to\s+discuss|with\s+you|for\s+you|concerning|i\s+(?:want"
      r"|would\s+like)\s+to\s+discuss)"),
    R("kindly_get_back", "kindly get back", {SC: 0.8},
      r"\bkindly\s+(?:get\s+back|reply|respond|revert|contact\s+me)\b|\bgood\s+day\s+(?:to\s+you"
      r"|dear)\b"),
    R("fake_task_earnings", "fake task job", {SC: 1.5},
      r"\b(?:complet\w+|finish\w*)\s+(?:\d+\s+)?(?:simple\s+|easy\s+|online\s+)?tasks\b"
      r"|\b\d+\s+tasks\s+(?:a|per)\s+day\b|\bboost\s+(?:product\s+)?visibility\b"
      r"|\bearn\s+(?:up\s+to\s+)?\d[\d,]*(?:\s?[-–]\s?\d[\d,]*)?\s*(?:usd|dollars|eur|euros"
      r"|gbp)\b|\b(?:usd|dollars|euros)\s+(?:daily|per\s+day|a\s+day)\b"),
    R("failed_payment", "failed payment lure", {SC: 2.0},
      r"\bpayment\s+(?:has\s+)?(?:failed|been\s+declined|was\s+declined|could\s+not\s+be\s+"
      r"processed)\b|\binterruption\s+(?:of|to)\s+(?:your\s+)?service\b"
      r"|\bavoid\s+(?:any\s+)?(?:interruption|suspension|deactivation|losing\s+access)\b"
      r"|\b(?:update|confirm|verify)\s+your\s+(?:billing|payment|card)\s+(?:information|details"
      r"|method|info)\b"),
    R("wrong_number_friend_gave", "wrong-number opener", {SC: 2.0},
      r"\b(?:my\s+friend|someone|a\s+friend)\s+gave\s+me\s+(?:this|your)\s+number\b"
      r"|\bgot\s+(?:this|your)\s+number\s+from\s+(?:a\s+friend|my\s+friend|someone)\b"
      r"|\bsaved\s+in\s+my\s+(?:phone|contacts)\s+as\b"),
)
# fmt: on
