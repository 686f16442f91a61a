"""Sales-pitch rules: product and service pitches, connect-then-pitch, mass-template tells."""

from __future__ import annotations

from bot.engine.offline.rule import COLD_ANY, FR, GE, MR, RC, SC, SP, R, Rule

# fmt: off
RULES: tuple[Rule, ...] = (
    R("help_companies_like_yours", "I help companies like yours", {SP: 2.5},
      r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:help|helps|helped|assist|assisted|enable|empower)\s+"
      r"(?:[\w+-]+\s+){0,3}?(?:companies"
      r"|businesses|brands"
      r"|founders|startups|teams|agencies|dealerships|firms|clinics|organi[sz]ations"
      r"|professionals|owners"
      r"|coaches|e-?commerce|saas|b2b)\b|\b(?:companies|businesses)\s+like\s+yours\b"
      r"|\bhelping\s+(?:\w+\s+){0,2}?(?:companies|businesses|brands|dealerships|firms|founders"
      r"|teams"
      r"|startups|agencies)\b"),
    R("describes_product", "describes their product", {SP: 0.8},
      r"\b(?:our|my)\s+(?:\w+\s+){0,3}?(?:platform|solution|software|tool|services?|agency"
      r"|offering|technology|app|assistant|agent|sdk|api)\b"
      r"|\bis\s+a\s+new\s+approach\s+to\b"
      r"|\b(?:groundbreaking|revolutionary|game-changing|cutting-edge|innovative)\s+(?:\w+\s+)?"
      r"(?:technology|platform|solution|product|tool)\b"),
    R("pain_point_opener", "pain-point opener", {SP: 1.5},
      r"\A\W{0,3}(?:struggling|tired\s+of|need\s+more|want\s+more"
      r"|looking\s+for\s+more)\s+(?:to\s+)?\w+"
      r"|\bnoticed\s+(?:that\s+)?your\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:low|slow|outdated"
      r"|not\s+ranking)\b|\b(?:companies|teams|founders|businesses|leaders"
      r"|people)\s+(?:at\s+your\s+stage|like\s+you|in\s+your\s+"
      r"(?:space|industry|role))\s+(?:often\s+|usually\s+|typically\s+)?(?:struggle|face"
      r"|tell\s+me|find)"),
    R("promises_results", "promises results", {SP: 2.0},
      r"\b(?:benefit|gain)\s+from\s+(?:using\s+)?(?:our|my)\b|\bhow\s+(?:we|\w+)\s+can\s+(?:help"
      r"|add\s+value"
      r"|save|grow|increase|boost|improve)\b|\badd\s+value\s+to\b|\bsav(?:e|ing)\s+(?:you\s+"
      r"|companies\s+"
      r"|your\s+\w+\s+)?(?:a\s+bunch\s+on\s+|time|money|\d+%)|\b(?:increase|boost|grow|double"
      r"|triple)\s+your\s+"
      r"(?:sales|revenue|leads|traffic|conversions|pipeline|roi|bookings|followers|engagement)"),
    R("lead_generation", "lead generation", {SP: 2.0},
      r"\blead[- ]?gen(?:eration)?\b|\b(?:qualified|dead|old|more|new|warm|inbound|b2b)\s+leads\b"
      r"|\bappointment\s+setting\b|\bbooks?\s+appointments\b"),
    R("seo_services", "SEO services", {SP: 1.5},
      r"\bseo\b|\bsearch\s+engine\s+optimi[sz]ation\b|\b(?:first|top)\s+page\s+(?:of"
      r"|on)\s+google\b"),
    R("web_design", "web design pitch", {SP: 2.0},
      r"\b(?:re)?design(?:ing)?\s+(?:your|a\s+new|the)\s+(?:website|site|web\s+site)\b"
      r"|\bweb(?:site)?\s+(?:re)?design\b|\bmobile[- ]friendly\b|\bapp\s+development\b"
      r"|\bdevelop\s+(?:your|a\s+custom)\s+(?:app|website|software)\b"
      r"|\bwe\s+(?:build|design|develop|create)\s+(?:\w+\s+)?(?:websites?|apps|mobile\s+apps"
      r"|landing\s+pages)\b"),
    R("price_list", "price list", {SP: 1.0},
      r"\b(?:starting|starts|prices?\s+start)\s+(?:at|from)\s+(?:\$|£|€)\s?\d|\brate\s+card\b"
      r"|\bpricing\s+sheet\b"),
    R("outsourcing", "outsourcing pitch", {SP: 2.0},
      r"\boutsourc\w+|\boffshore\s+(?:team|development)|\bdedicated\s+(?:developers|team|resources)"
      r"|\bdedicated\s+remote\s+(?:developers|engineers|team)"
      r"|\bat\s+a\s+fraction\s+of\s+the\s+cost\b"
      r"|\bstaff\s+augmentation|\bwhite[- ]label"),
    R("contact_lists", "selling contact lists", {SP: 2.0},
      r"\b(?:attendee|e-?mail|b2b|decision[- ]maker|contact)\s+(?:lists?|database)\s+(?:of|for"
      r"|with|from)\b"),
    R("demo_link", "link to a demo", {SP: 1.2, MR: 0.3},
      r"\b(?:\d+[- ]?(?:minute|min)\s+|product\s+|video[- ]based\s+|quick\s+|live\s+"
      r"|free\s+)?demo\b"),
    R("free_offer", "free offer hook", {SP: 1.5},
      r"\bfree\s+(?:trial|audit|consultation|quote|analysis|strategy\s+session)\b"
      r"|\bno\s+strings(?:\s+attached)?\b"
      r"|\bwant\s+me\s+to\s+send\s+(?:it|you|over)\b|\bmind\s+if\s+i\s+(?:share|send)\b"
      r"|\b\d+%\s+(?:off|discount)\b"),
    R("built_for_you", "built something for you", {SP: 1.5, FR: 0.3},
      r"\b(?:i|we)(?:'ve|\s+have)?\s+(?:built|created|developed|been\s+building)\s+(?:an?\s+"
      r"|my\s+|our\s+)?"
      r"(?:quick\s+)?(?:ai|automation|tool|system|platform|app|software|solution)"
      r"|\b(?:built|created)\s+an?\s+(?:quick\s+)?(?:ai|automation)"),
    R("names_clients", "name-drops clients", {SP: 1.5},
      r"\b(?:clients?|customers)\s+(?:include|like|such\s+as)\b"
      r"|\bcontributed\s+to\s+the\s+following\b"
      r"|\btrusted\s+by\b|\bone\s+client\b|\bcase\s+stud(?:y|ies)\b"),
    R("sales_question", "sales question", {SP: 1.5},
      r"\bare\s+you\s+looking\s+to\s+(?:redesign|increase|grow|improve|boost|get|generate|scale)\b"
      r"|\bwould\s+you\s+be\s+(?:interested|open)\s+(?:in|to)\s+(?:learning|hearing|seeing|our)\b"
      r"|\bis\s+(?:that|this)\s+(?:not|no\s+longer)\s+a\s+priority\b"),
    R("sales_title", "sales title", {SP: 1.0, MR: 0.3},
      r"\b(?:business\s+development\s+(?:manager|executive|representative)|account\s+executive"
      r"|sales\s+(?:manager|executive|representative|rep)|growth\s+consultant)\b"),
    R("not_selling", "not trying to sell anything", {SP: 1.2, FR: 0.6, MR: 0.6},
      r"\b(?:not|never)\s+(?:trying|here|looking|going)\s+to\s+(?:sell|pitch)\b"
      r"|\bno\s+sales\s+pitch\b"
      r"|\bnot\s+a\s+(?:sales\s+)?pitch\b|\bthis\s+isn't\s+a\s+(?:sales\s+)?pitch\b"
      r"|\bi\s+don't\s+want\s+to\s+(?:waste|take\s+up)\s+(?:any\s+of\s+)?your\s+time\b"),
    R("connect_then_pitch", "pitches right after connecting", {SP: 0.6, MR: 0.6, FR: 0.3},
      r"\b(?:thanks|thank\s+you|thx)\s+(?:so\s+much\s+)?for\s+(?:connecting|accepting"
      r"|the\s+connection"
      r"|adding\s+me)|\bnow\s+that\s+we're\s+connected\b|\bglad\s+we\s+connected\b"),
    R("canned_connection_note", "canned connection note", {SP: 2.2},
      r"\b(?:have|add)\s+you\s+(?:to|in)\s+my\s+(?:professional\s+)?network\b"
      r"|\bjoin\s+my\s+(?:professional\s+)?(?:linkedin\s+)?network\b|\bwe\s+should\s+connect\b"
      r"|\blooking\s+to\s+connect\s+with\s+(?:other\s+)?(?:thought\s+leaders|like-minded|professionals|leaders)\b"
      r"|\blinkedin\s+recommended\b|\b(?:a\s+lot|lots|legs)\s+in\s+common\b|\bperson\s+i\s+trust\b"
      r"|\byou\s+(?:looked\s+at|viewed|visited)\s+my\s+profile\b|\bbuild\s+my\s+network\b"),
    R("self_promotion", "self-promotion", {SP: 2.0},
      r"\bget(?:ting)?\s+the\s+word\s+out\b|\bupdate\s+with\s+my\s+(?:linkedin\s+)?(?:community"
      r"|network)\b"
      r"|\bcheck\s+out\s+(?:my|our)\s+(?:new\s+)?(?:website|blog|course|podcast|offer|page)\b"
      r"|\bwith\s+my\s+linkedin\s+(?:community|network|connections)\b"),
    R("flattery", "flattery with no specifics", {SP: 0.3, MR: 0.3, RC: 0.3, FR: 0.2, SC: 0.2},
      r"\b(?:fascinating|impressive|amazing|incredible|remarkable|stellar|outstanding)\s+"
      r"(?:background|profile|experience|career|journey|achievements|work\s+in)\b"
      r"|\bthought\s+leaders?\b"
      r"|\bimpressive\s+stuff\b|\bkilling\s+it\b|\bimpressed\s+(?:with|by)\s+your\s+(?:rating"
      r"|profile|background)\b"
      r"|\bgreat\s+people\b", generic=True),
    R("never_met", "says you don't know each other", {**COLD_ANY, GE: -0.8},
      r"\bwe\s+(?:don't|do\s+not)\s+know\s+each\s+other\b|\bwe(?:'ve|\s+have)?\s+never\s+met\b"
      r"|\byou\s+don't\s+know\s+me\b|\bdon't\s+(?:recall|remember)\s+(?:when"
      r"|how)\s+we\s+(?:connected|met)\b"
      r"|\bsorry\s+to\s+bother\s+you\b|\bwe\s+(?:haven't|have\s+not|never)\s+(?:actually\s+)?"
      r"worked\s+together\b"),
    R("describes_service", "describes their service", {SP: 1.5},
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
    R("numeric_claims", "claims results in numbers", {SP: 1.2},
      r"\b(?:save|saves|saved|saving|cut|cuts|reduce|reduces|reduced|increase|increases"
      r"|boost|boosts|grow|grows|book|books|resolve|resolves|automate|automates|recover|recovers"
      r"|recovered|generate|generates|generated|drive|drives|handle|handles)\s+(?:\w+\s+){0,3}?(?:by\s+|up\s+to\s+)?\d[\d,.]*"
      r"(?:\s?[-–]\s?\d+)?\+?\s?(?:%|x\b|hours|leads|meetings|calls|appointments|sales|clients"
      r"|customers|patients)"
      r"|\b(?:guaranteed|proven)\s+results\b|\bdelivered\s+\d+\+?\s+projects\b"
      r"|\b\d+\+\s+(?:clients|customers|companies|brands|projects|founders|businesses)\b"),
    R("offers_samples", "offers samples or a proposal", {SP: 1.5},
      r"\b(?:can|could|shall|should|may)\s+i\s+(?:send|share)\s+(?:you\s+|over\s+)?(?:a\s+|some\s+"
      r"|our\s+|my\s+|the\s+)?(?:few\s+)?(?:\w+\s+)?(?:proposal|samples?|portfolio|case\s+stud\w+"
      r"|deck|pricing|quote|brochure)"
      r"|\b(?:send|share)\s+(?:you\s+)?(?:over\s+)?(?:our|my)\s+(?:portfolio|brochure|rate\s+card"
      r"|pricing|proposal|case\s+stud\w+)"
      r"|\bsee\s+some\s+(?:samples|examples\s+of\s+(?:my|our))\b"
      r"|\bproposal\s+with\s+pricing\b|\baffordable\s+(?:rates|prices|pricing)\b"
      r"|\bflat\s+(?:fee|rate)\b|\bmonthly\s+(?:fee|retainer)\b"
      r"|\breply\s+(?:with\s+)?\W?(?:yes|interested)\b"
      r"|\bwould\s+you\s+be\s+(?:interested|open)\s+(?:in|to)\s+(?:acquiring|purchasing|buying|getting|a\s+free)\b"),
    R("price_per_unit", "price list", {SP: 1.0},
      r"\b(?:packages?|plans?|prices?|rates?)\s+start(?:ing)?\s+(?:at|from)\b"
      r"|[$£€]\s?\d[\d,.]*\s*(?:/|per\s+|an?\s+)"
      r"(?:hour|hr|month|video|post|page|article|project)\b"),
    R("website_problems", "your website has problems", {SP: 1.5},
      r"\b(?:checking|came\s+across|visited|looked\s+at|was\s+on|reviewed)\s+your\s+"
      r"(?:website|site|web\s+site|online\s+store)\b[^\n]{0,60}?\b(?:noticed|issues|problems"
      r"|errors)\b"
      r"|\b(?:your|the)\s+(?:website|site|blog)\s+(?:\w+\s+){0,3}?(?:is\s+not|isn't|not)\s+"
      r"(?:showing\s+up|ranking|updated|mobile)"
      r"|\b(?:loads?|loading)\s+slow\w*|\bdesign\s+(?:looks|is|seems)\s+(?:a\s+bit\s+)?"
      r"(?:dated|outdated|old)\b|\borganic\s+traffic\b|\bkeywords\b"),
    R("attendee_lists", "selling contact lists", {SP: 2.0},
      r"\battendees?\s+(?:lists?|data)\b|\bverified\s+(?:contacts|e-?mails|leads|records)\b"
      r"|\bmailing\s+lists?\b"),
    R("sales_non_english", "sales pitch (non-English)", {SP: 2.0},
      r"\b(?:ayudamos\s+a|nuestra\s+(?:solución|plataforma|agencia|empresa\s+ofrece)"
      r"|nuestro\s+(?:software|servicio)|caso\s+de\s+éxito|nous\s+aidons|notre\s+(?:solution"
      r"|plateforme|logiciel|outil|agence|offre)|wir\s+helfen|unsere\s+(?:lösung|software"
      r"|plattform|agentur)|agentur\s+für|kostenlose\s+(?:analyse|beratung|demo)"
      r"|(?:audit|analyse|essai|diagnostic)\s+gratuit\w*|démonstration|demostración)"),
    R("bump", "bump to the top", {SP: 0.7, MR: 0.6, FR: 0.3, RC: 0.3},
      r"\bbump(?:ing)?\s+(?:this|my\s+(?:note|email|message))\b|\bfloating\s+this\b"
      r"|\bcircling\s+back\s+(?:on|to)\s+my\b|\btop\s+of\s+your\s+inbox\b"
      r"|\bfollowing\s+up\s+on\s+my\s+(?:\w+\s+)?(?:note|email|e-mail|message)\b",
      generic=True),
    R("supplier_spam", "supplier spam", {SP: 2.0},
      r"\bwe\s+are\s+(?:an?\s+)?(?:leading\s+|professional\s+)?(?:\w+\s+){0,3}?(?:manufacturer"
      r"|supplier|exporter|wholesaler|distributor|factory)s?\b"
      r"|\b(?:send|share)\s+(?:us\s+|me\s+)?your\s+(?:\w+\s+)?requirements?\b"
      r"|\bbest\s+(?:price|quote|rates)\b|\blow\s+moq\b"),
    R("sells_to_hiring", "sells to your hiring", {SP: 2.0, RC: -1.5},
      r"\b(?:noticed|saw|see)\s+(?:that\s+)?(?:you're|you\s+are|your\s+(?:team|company)\s+is)\s+"
      r"(?:hiring|growing|scaling)\b|\b(?:near|off)shore\b|\bshare\s+some\s+(?:developer\s+)?"
      r"profiles\b"),
    R("vendor_intro", "introduces themself as a vendor", {SP: 1.5},
      r"\bi\s+am\s+an?\s+(?:professional|freelance|certified|experienced|expert)\s+(?:\w+\s+){0,2}?"
      r"(?:designer|developer|writer|marketer|consultant|photographer|editor|expert|specialist"
      r"|copywriter|videographer)\b"
      r"|\bcould\s+(?:really\s+|greatly\s+)?benefit\s+from\b"
      r"|\bno[- ]obligation\b|\bfree\s+(?:\w+[- ]){1,2}(?:quote|audit|consultation|trial)\b"),
)
# fmt: on
