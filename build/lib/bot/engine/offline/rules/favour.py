"""Favour-request rules: free feedback, endorsements, guest posts, introductions, advice.

The last rows are cold cues written without the usual key words (an agency's portfolio, a
sign-on bonus); they sit after the favours because table order breaks ties between signals.
"""

from __future__ import annotations

from bot.engine.offline.rule import FR, RC, SP, R, Rule

# fmt: off
RULES: tuple[Rule, ...] = (
    R("free_feedback", "asks for free feedback", {FR: 2.5},
      r"\b(?:provide|give|share|offer)\s+(?:me\s+|us\s+)?(?:some\s+|your\s+|any\s+)?(?:honest\s+"
      r"|quick\s+)?"
      r"(?:thoughts|feedback|input|opinion|views|impressions)\b|\byour\s+(?:honest\s+)?feedback\b"
      r"|\bwould\s+you\s+(?:mind\s+)?(?:watch|review|test|try|evaluate)\b"
      r"|\btake\s+a\s+(?:quick\s+)?look\s+at\s+"
      r"(?:my|our)\s+(?:work|product|app|site|website|tool|draft|deck|project|paper)\b"
      r"|\bbeta[- ]test\w*"
      r"|\bvalidat(?:e|ing)\s+(?:that|this|my|the|an?)\b|\bpotential\s+use\s+cases\b"),
    R("answer_questions", "asks you to answer questions", {FR: 2.5},
      r"\banswer(?:ing)?\s+(?:a\s+few|some|\d+|three|two|five)\s+(?:quick\s+|short\s+)?questions\b"
      r"|\bsurvey\b|\bquestionnaire\b|\bresearching\b[^.\n]{0,30}?\bfor\s+a\s+(?:paper|thesis"
      r"|dissertation)"),
    R("customer_discovery", "customer-discovery ask", {FR: 1.8, SP: 0.3},
      r"\b(?:understand|hear|learn\s+about)\s+your\s+(?:perspective|needs|challenges"
      r"|pain\s+points|experience\s+with)\b"
      r"|\bi'm\s+(?:building|developing|creating)\s+(?:a|an|my|\[)"
      r"|\bi'm\s+working\s+on\s+(?:a|an|my)\s+(?:new\s+)?(?:solution|product|tool|app|startup"
      r"|platform|\[)"),
    R("endorsement", "asks for an endorsement", {FR: 3.0},
      r"\bendorse\s+(?:me|my|us|our)\b|\bendorsements?\b|\b(?:writ(?:e|ing)|leav(?:e|ing)|giv(?:e"
      r"|ing)|provid(?:e|ing)|jot\s+down)\s+(?:me\s+|us\s+)?(?:a\s+|an\s+)?"
      r"(?:short\s+|quick\s+|brief\s+)?(?:linkedin\s+)?(?:blurb|testimonial|recommendation|review"
      r"|rating)\b"
      r"|\bblurb\b"
      r"|\btestimonial\b|\bupvot\w+|\bon\s+product\s+hunt\b|\b(?:rate|review|upvote|vote\s+for"
      r"|star)\s+(?:my|our)\s+(?:app|book|product|repo|project|page)\b"
      r"|\bperson\s+whose\s+quote\b"),
    R("guest_post", "guest post / link exchange", {FR: 3.5},
      r"\bguest\s+(?:post|article|blog)\w*|\bpost\s+my\s+(?:writing|article|content)\b"
      r"|\b(?:contribute|write)\s+(?:an\s+)?articles?\s+for\s+your\b|\bsponsored\s+(?:post"
      r"|article)\b"
      r"|\b(?:exchang\w*|swap\w*|trad\w*)\s+links\b|\blink\s+(?:exchange|swap\w*)\b"
      r"|\breciprocal\s+link\w*"
      r"|\bback-?links?\b|\bpage\s?rank\b|\bplace\s+(?:a\s+|my\s+"
      r"|our\s+)?(?:simple\s+)?(?:client's\s+)?link\b"
      r"|\blink\s+directory\b|\badded\s+your\s+(?:site|website)\b|\bdear\s+webmaster\b"),
    R("introduction", "asks for an introduction", {FR: 2.0},
      r"\b(?:introduce|refer|recommend)\s+me\s+to\b|\b(?:could|can|would)\s+you\s+(?:refer"
      r"|introduce|recommend)\s+me\b"
      r"|\bintroduction\s+to\s+(?:someone|anyone|your)\b|\bput\s+in\s+a\s+(?:good\s+)?word\b"
      r"|\bname\s+of\s+someone\s+who\b|\bactivate\s+my\s+(?:professional\s+)?network\b"),
    R("mentoring", "asks for mentoring", {FR: 1.8},
      r"\bmentorship\b|\b(?:be|become)\s+my\s+mentor\b|\bmentor\s+me\b|\bcareer\s+advice\b"
      r"|\bguidance\s+on\b"),
    R("free_promotion", "asks for free promotion", {FR: 2.5},
      r"\bbring\s+(?:deserved\s+|more\s+)?attention\s+to\b|\b(?:feature|cover|review|mention"
      r"|share)\s+(?:my|our)\s+"
      r"(?:product|book|app|brand|startup|article)\b|\bshare\s+my\s+(?:\w+\s+)?(?:post|article"
      r"|launch)\s+with\s+your\b|\b(?:i|we)\s+invite\s+you\s+to\s+(?:take\s+a\s+look|read|review"
      r"|check\s+out|try)"
      r"|\bbrand\s+curation\b"),
    R("asks_a_favour", "asks a favour", {FR: 1.0},
      r"\bi\s+need\s+(?:something|a\s+favou?r)\s+from\s+you\b|\b(?:ask"
      r"|asking)\s+(?:you\s+)?(?:for\s+)?a\s+"
      r"(?:small\s+|quick\s+|big\s+)?favou?r\b|\bwould\s+be\s+(?:most\s+|very\s+"
      r"|really\s+)?grateful\s+to\s+hear\b"
      r"|\b(?:thanks|thank\s+you)\s+in\s+advance\s+for\s+(?:your|the)\s+(?:serious\s+|kind\s+)?"
      r"consideration\b"),
    R("feedback_on_my_work", "asks for free feedback", {FR: 2.2},
      r"\b(?:get|hear|collect|gather)\s+(?:your\s+|some\s+)?(?:honest\s+|quick\s+)?feedback\b"
      r"|\bfeedback\s+on\s+(?:my|our)\b|\btell\s+me\s+(?:what\s+you\s+think|your\s+thoughts)\b"
      r"|\btake\s+a\s+(?:quick\s+)?look\s+at\s+(?:my|our)\s+(?:resume|cv|pitch|book"
      r"|manuscript|startup|prototype|landing\s+page)\b|\btake\s+a\s+(?:quick\s+)?look\s+at\s+my\s+"
      r"portfolio\b"
      r"|\b(?:tu|su)\s+opinión\b|\bvotre\s+avis\b|\bihre\s+meinung\b"
      r"|\b(?:darme|dame)\s+tu\s+feedback\b|\bprobarla\b|\bprobarlo\b"),
    R("thesis_questions", "asks you to answer questions", {FR: 2.0},
      r"\b(?:bachelorarbeit|masterarbeit|abschlussarbeit|doktorarbeit|tesis|thèse|mémoire)\b"
      r"|\b(?:ein\s+paar|einige)\s+fragen\b|\bquelques\s+questions\b|\balgunas\s+preguntas\b"
      r"|\bfill\s+(?:out|in)\s+(?:my|our|a|this)\s+(?:\w+\s+)?(?:form|poll)\b"),
    R("return_the_favour", "asks for an endorsement", {FR: 2.5},
      r"\bendors(?:e|ing)\s+(?:me|my|us|our)\b|\breturn(?:ing)?\s+the\s+favou?r\b"
      r"|\bstar\s+(?:the|my|our)\s+(?:repo|repository|project)\b"
      r"|\b(?:honest\s+)?reviews\s+on\s+(?:amazon|goodreads|g2|capterra|trustpilot|yelp)\b"),
    R("share_with_audience", "asks for free promotion", {FR: 2.2},
      r"\bshare\s+(?:it|this|them|(?:my|our|the)\s+(?:\w+\s+){0,2}?\w+)\s+with\s+your\s+"
      r"(?:followers|audience"
      r"|network|readers|subscribers|community)\b"
      r"|\b(?:guest|feature[d]?)\s+on\s+your\s+(?:podcast|show|channel|newsletter)\b"
      r"|\bhav(?:e|ing)\s+(?:her|him|them|me|us)\s+on\s+(?:your\s+(?:podcast|show)|as\s+a\s+guest)?"
      r"|\bguest\s+on\s+your\b|\bon\s+your\s+podcast\b"),
    R("link_insertion", "guest post / link exchange", {FR: 3.0},
      r"\bdo-?follow\b|\bno-?follow\b|\bcontribute\s+(?:an?\s+)?(?:[\w-]+,?\s+){0,3}?"
      r"(?:article|post|piece|blog)\b"
      r"|\b(?:add|adding|include|including|insert|inserting)\s+(?:a\s+|my\s+|our\s+)?link\s+"
      r"(?:to\s+(?:it|my|our)|in\s+(?:the|your)\s+(?:article|post))"
      r"|\blink\s+back\s+to\b|\bauthor\s+bio\b"),
    R("make_an_intro", "asks for an introduction", {FR: 2.0},
      r"\b(?:introduce|refer|recommend)\s+me\b|\b(?:make|making)\s+an?\s+(?:quick\s+|warm\s+)?"
      r"intro(?:duction)?\b|\bconnected\s+with\s+(?-i:[A-Z][a-z]+)\b[^.\n]{0,60}?\bintroduc"),
    R("advice", "asks for advice", {FR: 1.6},
      r"\b(?:what|any)\s+(?:\w+\s+)?(?:advice|tips|suggestions|pointers)\s+(?:would|do|could"
      r"|can)\s+you\b|\bany\s+(?:advice|tips|pointers)\s+(?:would|you|on|for)\b"
      r"|\b(?:be|being|become|becoming)\s+my\s+mentor\b|\bconsider\s+mentoring\b"
      r"|\b(?:give|share|offer)\s+(?:me\s+)?(?:some\s+|any\s+)?(?:advice|tips|pointers|guidance)"
      r"\b"),
    R("would_you_be_willing", "asks a favour", {FR: 1.2},
      r"\bwould\s+you\s+be\s+(?:willing|able|open)\s+to\s+(?:share|write|nominate|send|give"
      r"|provide|help|spare|contribute|answer|review|read|look|fill|take|introduce|refer)\b"
      r"|\bcould\s+you\s+tell\s+me\s+(?:what|how)\s+you\b"),
    R("nomination", "asks for an endorsement", {FR: 2.0},
      r"\bnominate\s+(?:me|us|my|our)\b|\bneed\s+(?:\w+\s+)?nominations\b"
      r"|\bvote\s+for\s+(?:me|us|my|our)\b"
      r"|\b(?:share|give|provide)\s+(?:me\s+|us\s+)?an?\s+(?:short\s+|quick\s+|brief\s+)?"
      r"(?:quote|comment|statement|soundbite)\b"),
    R("feedback_non_english", "asks for free feedback", {FR: 2.2},
      r"\bmi\s+farebbe\s+piacere\s+(?:avere|ricevere|sapere|conoscere)\s+(?:\w+\s+){0,2}?(?:parere"
      r"|feedback|opinione)|\b(?:tuo|suo|vostro)\s+(?:sincero\s+)?(?:parere|feedback|opinione)\b"
      r"|\bcosa\s+ne\s+(?:pensi|pensa)\b|\bgostaria\s+(?:\w+\s+){0,3}?(?:sua|tua)\s+opinião\b"
      r"|\b(?:sua|tua)\s+opinião\b|\b(?:seu|teu)\s+feedback\b|\bo\s+que\s+(?:você\s+)?acha\b"),
    R("career_advice", "asks for career advice", {FR: 2.0},
      r"\b(?:advice|insights?|tips|pointers|perspective)\s+on\s+how\s+you\s+(?:got|broke|made"
      r"|landed|built|started|became|moved|switched|grew)\b"
      r"|\b(?:could|can|would)\s+you\s+(?:please\s+)?share\s+(?:any\s+|some\s+|a\s+few\s+|your\s+)?"
      r"(?:tips|advice|insights|pointers|lessons)\b"
      r"|\bwould\s+(?:love|appreciate|value)\s+(?:\w+\s+){0,2}?(?:advice|insights?|tips|pointers)\s+"
      r"(?:on|about)\s+(?:how|breaking|getting|landing|starting)\b"),
    R("break_into", "asks for career advice", {FR: 0.8},
      r"\btrying\s+to\s+(?:break|get)\s+into\b"),
    # ---- cold cues written without the usual key words ---------------------------------------
    R("agency_pitch", "agency pitch", {SP: 2.2},
      r"\bwe\s+(?:design|build|develop|create|make|craft)\s+(?:,\s*|and\s+|&\s+)(?:\w+\s+)?"
      r"(?:design|build|develop|create|launch|maintain|market)\b"
      r"|\b(?:check\s+out|see|view|visit|browse)\s+our\s+(?:recent\s+)?(?:portfolio|work)\b"
      r"|\bour\s+(?:recent\s+)?portfolio\b|\bour\s+(?:core\s+|main\s+)?services\s+(?:include|range"
      r"|cover|span)\b"
      r"|\bwe\s+(?:also\s+)?offer\s+(?:\w+[ ,&/]+){0,3}?(?:services|packages|solutions|design"
      r"|development|marketing|seo|branding|consulting|consultancy|bookkeeping|plans)\b"
      r"|\bwe\s+speciali[sz]e\s+in\b"),
    R("recruiting_cue", "recruiting cue", {RC: 2.0},
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
)
# fmt: on
