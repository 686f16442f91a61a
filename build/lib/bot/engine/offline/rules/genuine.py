"""Genuine rules: relationship and specifics (README rule 2)."""

from __future__ import annotations

from bot.engine.offline.rule import GE, R, Rule

# fmt: off
RULES: tuple[Rule, ...] = (
    R("thank_you_note", "thank-you note", {GE: 2.8},
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
      r"(?:thanks|gratitude)\b|\bthank(?:s|\s+you)\s+for\s+(?:turning|pointing)\s+me\s+(?:on\s+)?to\b"),
    R("met_in_person", "mentions meeting in person", {GE: 3.0},
      r"\b(?:thank\s+you|thanks)\s+for\s+(?:taking\s+the\s+time\s+to\s+)?(?:meet|meeting"
      r"|the\s+meeting|having\s+me)\b"
      r"|\b(?:great|nice|good|lovely|wonderful)\s+(?:to\s+meet|meeting|seeing|chatting\s+with"
      r"|catching\s+up\s+with)\s+you\s+"
      r"(?:at|yesterday|today|last|earlier|this\s+morning|the\s+other)\b"
      r"|\bour\s+(?:meeting|conversation|discussion|chat)\s+(?:yesterday|last|today|earlier|at"
      r"|about|of)\b"
      r"|\bwe\s+met\s+(?:at|in|last|yesterday|during)\b|\bas\s+(?:we\s+)?discussed\b"
      r"|\bleft\s+our\s+meeting\b"),
    R("former_colleague", "existing relationship", {GE: 3.0},
      r"\b(?:former|old|ex-)\s?(?:colleague|co-?worker|classmate|teammate|boss|manager|student"
      r"|employee)\b"
      r"|\bwe\s+(?:used\s+to\s+)?work(?:ed)?\s+together\b|\bi\s+(?:was|used\s+to\s+be)\s+(?:a\s+student|an?\s+intern)\s+(?:in|on)\s+your\b"
      r"|\bour\s+(?:good\s+)?working\s+relationship\b|\bmy\s+employment\s+with\b"
      r"|\b(?:great|nice|loved|enjoyed)\s+working\s+with\s+you\b"
      r"|\bi\s+was\s+in\s+your\s+(?:\w+\s+){0,3}?(?:class|course|lab|seminar|team|group)\b"),
    R("named_referral_address", "named referral", {GE: 2.0},
      r"(?-i:\b(?!My\b|A\b|The\b|Someone\b|Our\b|One\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+"
      r"(?:gave|passed|sent|forwarded)\s+me\s+your\s+(?:e-?mail|address|details)\b"),
    R("named_referral_suggested", "named referral", {GE: 2.0},
      r"(?-i:\b(?!My\b|A\b|The\b|Someone\b|Our\b"
      r"|One\b)[A-Z][a-z]+)\b[^.\n]{0,30}?\bsuggested\s+(?:that\s+)?"
      r"I\s+(?:reach\s+out|contact\s+you|get\s+in\s+touch|write\s+to\s+you)"),
    R("ongoing_work", "ongoing work together", {GE: 1.2},
      r"\b(?:our|the)\s+(?:standup|stand-up|sprint|release|deploy(?:ment)?|build|deadline|offsite"
      r"|retro"
      r"|pull\s+request|code\s+review)\b|\bmy\s+manager\b|\bsame\s+(?:zoom\s+)?link\b"),
    R("catching_up", "catching up", {GE: 1.5},
      r"\blong\s+time\s+no\s+(?:see|talk)\b|\bit's\s+been\s+(?:a\s+while|ages|too\s+long|years)\b"
      r"|\bwhat\s+(?:have\s+)?you(?:'ve)?\s+been\s+up\s+to\b|\bhow\s+have\s+you\s+been\b"
      r"|\bwhere\s+are\s+you\s+(?:working|based)\s+(?:now|these\s+days)\b"),
    R("mutual_introduction", "named mutual introduction", {GE: 3.0},
      r"(?-i:\b[A-Z][a-z]+,\s+meet\s+[A-Z][a-z]+)|\b(?:wanted|want|like|love|happy"
      r"|glad)\s+to\s+introduce\s+you\s+"
      r"(?:both\b|to\s+(?:my\s+(?:friend|colleague)|(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)"
      r"(?:\s*\(cc|,?\s+(?:who|he|she)\b)))|\bi(?:'ll|\s+will)\s+leave\s+it\s+to\s+you\b"
      r"|\basked\s+(?:me\s+)?for\s+an\s+intro(?:duction)?\b"
      r"|\(cc'd\)|\byou\s+(?:two\s+|both\s+)?should\s+(?:connect|chat|talk|meet)\b"
      r"|\bmy\s+friend\s+(?-i:[A-Z][a-z]+)"
      r"|\bmutual\s+connection(?:\s+name)?\]?\s+and\s+i\s+were\s+(?:discussing|talking)"
      r"|(?-i:\b[A-Z][a-z]+)\s+and\s+I\s+were\s+(?:discussing|talking|chatting)\b"),
    R("reference_letter", "reference request from someone you know", {GE: 1.5},
      r"\bletter\s+of\s+(?:recommendation|reference)\b|\brecommendation\s+for\s+(?:grad|graduate"
      r"|business|law|med)"
      r"|\breference\s+letter\b|\bas\s+a\s+(?:ref|reference)\b"),
    R("buying_question", "asks about buying your product", {GE: 3.0},
      r"\b(?:commercial|enterprise)\s+licen[cs]e\b|\bwhere\s+(?:can|could)\s+(?:i|we)\s+(?:buy"
      r"|purchase|order)\b"
      r"|\bwhat\s+(?:is|are)\s+the\s+(?:price|pricing|cost|licen[cs]e\s+terms)\b|\bprice\s+range\b"
      r"|\byou\s+have\s+(?:the|it|this)\s+\w+\s+listed\b|\bis\s+(?:it|this)\s+still\s+available\b"
      r"|\bdo\s+you\s+(?:ship|deliver)\b"),
    R("fan_note", "fan note", {GE: 2.5},
      r"\b(?:loved|love|enjoyed|adore)\s+(?:reading\s+)?your\s+(?:book|novel|writing|podcast"
      r"|music)\b"
      r"|\b(?:read|bought|finished|buy)\s+your\s+book\b|\bfavou?rite\s+(?:book|author|series"
      r"|passages)\b"
      r"|\bi\s+just\s+finished\s+[“\"]|\bi\s+just\s+loved\s+your\b|\bnext\s+book\b|\bsequel\b"),
    R("note_on_your_work", "specific note on your work", {GE: 1.8},
      r"\b(?:great|loved|enjoyed)\s+(?:seeing|hearing|watching)\s+your\s+(?:\[|talk|panel|session"
      r"|presentation|keynote|webinar)"
      r"|\bi\s+(?:watched|attended|saw)\s+your\s+(?:webinar|talk|panel|session|presentation"
      r"|keynote)\b"
      r"|\breally\s+resonated\b|\byour\s+point\s+about\b|\bwanted\s+to\s+ask\b"
      r"|\bcurious\s+to\s+hear\s+your\b"
      r"|\bfollow\s+your\s+thinking\b|\bfound\s+your\s+views\b"),
    R("met_and_spoke", "mentions meeting in person", {GE: 3.0},
      r"\bthank(?:s|\s+you)\s+(?:so\s+much\s+)?for\s+(?:taking|making)\s+the\s+time\s+to\s+(?:speak|talk"
      r"|chat|meet)\b|\b(?:speaking|talking|chatting)\s+with\s+(?:me|us)\s+(?:on|yesterday"
      r"|last|today|earlier|this)\b"
      r"|\b(?:great|nice|good|lovely)\s+to\s+(?:meet|see)\s+you\s+at\b"
      r"|\b(?:loved|enjoyed)\s+(?:catching\s+up|chatting|meeting\s+you)\b"
      r"|\bvielen\s+dank\s+für\s+(?:das|unser|ihr)\b|\bwie\s+besprochen\b|\bcomme\s+convenu\b"
      r"|\bcomo\s+(?:hablamos|quedamos|te\s+comenté)\b|\bqué\s+gusto\s+verte\b"
      r"|\bte\s+comenté\b|\bthanks\s+(?:so\s+much\s+|again\s+)?for\s+"
      r"(?:the\s+)?(?:workshop|session|talk|lecture|clinic|class|tour|dinner|lunch)\b"),
    R("shared_past", "existing relationship", {GE: 3.0},
      r"\bwhen\s+we\s+(?:were\s+)?(?:both\s+)?(?:at|worked)\b|\bwe\s+were\s+both\s+at\b"
      r"|\bsince\s+the\s+(?-i:[A-Z])\w+\s+days\b"
      r"|\b(?:same|your)\s+(?:cohort|class|section|seminar|lab)\b"
      r"|\b(?:we|i)\s+(?:shipped|built|ran|launched|led)\s+(?:\w+\s+){0,4}?together\b"
      r"|\bwe\s+ran\s+together\b|\bpendant\s+mon\s+stage\b|\bvous\s+remercier\b"),
    R("work_rituals", "ongoing work together", {GE: 1.5},
      r"\b(?:before|after|at|in)\s+(?:the\s+)?(?:standup|stand-up|retro|sprint\s+planning"
      r"|all-hands)\b|\bmy\s+pull\s+request\b"
      r"|\bthe\s+(?:staging|prod|production)\s+(?:deploy|build|server)\b"
      r"|\bmy\s+(?:manager|team\s+lead)\b"),
    R("customer_question", "specific customer question", {GE: 1.5},
      r"\b(?:does|do|will|can)\s+(?:the|your|it|this)\s+(?:\w+\s+){0,2}?(?:support|work\s+with"
      r"|ship|include|come\s+with)\b[^?\n]{0,60}\?"
      r"|\bvolume\s+discount\b|\bwhat\s+would\s+(?:something\s+like\s+)?(?:that|this|it)\s+cost\b"
      r"|\border\s+#?\d{3,}|\b(?:refund|cancel)\s+(?:one\s+of\s+)?(?:the|my)\s+(?:charges?|order"
      r"|subscription)\b|\bis\s+there\s+(?:a|any)\s+way\s+to\b"
      r"|\bwhat's\s+your\s+availability\b|\boffice\s+hours\b"),
    R("no_pressure", "no pressure", {GE: 0.5},
      r"\bno\s+rush\b|\bno\s+pressure\b"),
    R("studied_together", "existing relationship", {GE: 3.0},
      r"\bwe\s+(?:studied|went\s+to\s+(?:school|uni\w*|college)|trained|served)\s+together\b"
      r"|\bwe\s+were\s+(?:\w+\s+)?(?:classmates|colleagues|co-?workers|teammates|flatmates"
      r"|roommates|neighbou?rs)\b"
      r"|(?-i:\b[A-Z][a-z]+)\s+(?:introduced\s+us|put\s+us\s+in\s+touch|connected\s+us)\b"
      r"|\bthank(?:s|\s+you)\s+(?:again\s+|so\s+much\s+)?for\s+(?:the|your)\s+(?:kind\s+)?"
      r"(?:reference|recommendation|letter)\b"),
    R("neighbour", "neighbour", {GE: 3.0},
      r"\b(?:your|a|the)\s+(?:\w+\s+)?neighbou?r\b|\bnext[- ]door\b|\bacross\s+the\s+(?:hall"
      r"|landing|street)\b"
      r"|\bfrom\s+(?:flat|apartment|apt\.?|unit|house|no\.?|number|#)\s?\d{1,4}[a-z]?\b"
      r"|(?-i:\b(?:[Ii]t's|[Ii]t\s+is|[Tt]his\s+is)\s+[A-Z][a-z]+\s+from\s+(?:\d{1,4}[A-Za-z]?\b"
      r"|(?:flat|apartment|apt|unit|house|number)\s|(?:the\s+)?(?:\w+\s+)?(?:floor|building"
      r"|upstairs|downstairs)\b))"),
    R("relationship_non_english", "existing relationship (non-English)", {GE: 3.0},
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
