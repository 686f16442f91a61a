"""Meeting-request rules: calls, coffee, "pick your brain", synergies."""

from __future__ import annotations

from bot.engine.offline.rule import COLD_ANY, FR, MR, SP, R, Rule

# fmt: off
RULES: tuple[Rule, ...] = (
    R("quick_call", "vague call request", {MR: 1.5},
      r"\b(?:quick|brief|short|\d{1,2}(?:\s?-\s?\d{1,2})?)[- ]?(?:min(?:ute)?s?[- ])?"
      r"(?:intro(?:ductory)?\s+|discovery\s+|exploratory\s+|zoom\s+|phone\s+|video\s+)?"
      r"(?:call|chat|conversation|meeting|zoom|catch[- ]up)\b"),
    R("asks_to_meet", "asks to meet or talk", {MR: 1.5},
      r"\b(?:hop|jump|get)\s+on\s+a\s+(?:quick\s+|short\s+|brief\s+)?(?:call|zoom)\b"
      r"|\b(?:set\s+up|schedule|book|arrange)\s+(?:a\s+)?(?:short\s+|quick\s+)?(?:time|call"
      r"|meeting|chat)\b"
      r"|\bphone\s+conversation\b|\b(?:speak|talk)\s+with\s+(?:you|me)\b|\bmeet\s+(?:up"
      r"|with\s+you)\b"
      r"|\bcan\s+we\s+(?:meet|talk|chat)\b|\bcall\s+me\s+on\b|\bbriefly\s+speak\b"),
    R("coffee", "coffee with a stranger", {MR: 2.0},
      r"\b(?:grab|get|have|meet\s+for|come\s+in\s+for|over)\s+(?:a\s+)?(?:virtual\s+)?coffee\b"
      r"|\bcoffee\s+chat\b"),
    R("pick_your_brain", "pick your brain", {MR: 2.2},
      r"\bpick\s+your\s+brain\b|\binformational\s+interview\b|\blearn\s+(?:more\s+)?(?:about"
      r"|from)\s+your\s+"
      r"(?:experience|career|journey|path)\b|\binsights?\s+from\s+(?:you|someone)\b"
      r"|\b(?:do|would)\s+you\s+have\s+\d{1,2}\s+minutes\b"
      r"|\b\d{1,2}\s+minutes\s+for\s+an?\s+(?:quick\s+)?"
      r"(?:zoom\s+|phone\s+|video\s+)?(?:call|chat)\b"
      r"|\bspare\s+(?:\d{1,2}(?:\s?-\s?\d{1,2})?|a\s+few)\s+minutes\b"
      r"|\b\d{1,2}(?:\s?-\s?\d{1,2})?\s+minutes\s+to\s+(?:speak|talk|chat)\b"
      r"|\b(?:chat|talk|speak)\s+(?:with\s+you\s+)?for\s+(?:\d{1,2}|a\s+few)\s+minutes\b"),
    R("synergies", "explore synergies", {MR: 2.2},
      r"\bsynerg\w*|\b(?:partnership|collaboration)\s+(?:opportunit\w+|between)\b"
      r"|\bexplor\w*\s+(?:a\s+|potential\s+|possible\s+)?(?:partnership|collaboration|synerg\w+)"
      r"|\bexplor\w*\s+(?:how|ways)\s+(?:we|our\s+\w+)\s+(?:could|can|might)\s+(?:work"
      r"|collaborate|partner)"
      r"|\bwin[- ]win\b|\bstrategic\s+partnerships?\b|\bpartner\s+ecosystem\b"),
    R("calendar_link", "calendar link", {MR: 1.5, SP: 0.3},
      r"\bcalendly\b|\bcalendar[_ ]link\b|\bhere's\s+my\s+(?:cal|calendar)\b"
      r"|\bschedule\s+a\s+call\b"),
    R("worth_a_call", "vague call request", {MR: 1.0},
      r"\bworth\s+a\s+(?:brief\s+|quick\s+|short\s+)?(?:conversation|chat|call)\b"
      r"|\bopen\s+to\s+a\s+(?:quick\s+|brief\s+)?(?:chat|call|conversation)\b"
      r"|\bare\s+you\s+free\s+(?:for|to|this|next)\b"
      r"|\bwould\s+love\s+to\s+(?:chat|talk|speak)\b|\bget\s+to\s+know\s+(?:you|each\s+other"
      r"|my\s+connections)\b"
      r"|\bget\s+acquainted\b|\b(?:asking|looking)\s+for\s+(?:a\s+)?contact\s+to\s+(?:meet|talk)\b"
      r"|\blearn\s+more\s+about\s+(?:what\s+you\s+do|you\s+and\s+your|your\s+(?:business"
      r"|company|role))\b"),
    R("see_if_we_can_help", "call to see if they can help you", {MR: 0.8, SP: 0.6},
      r"\b(?:see|discuss|explore)\s+(?:if|whether|how)\s+(?:my|our|we)\b"),
    R("cold_opener", "cold opener", COLD_ANY,
      r"\b(?:i'm|i\s+am)\s+reaching\s+out\s+(?:from|on\s+behalf\s+of)\b"
      r"|\bi\s+hope\s+this\s+(?:e-?mail|message)\s+finds\s+you\b"),
    R("coffee_sometime", "coffee with a stranger", {MR: 2.0},
      r"\bvirtual\s+coffee\b|\bup\s+for\s+(?:a\s+)?coffee\b|\bfancy\s+a\s+coffee\b"
      r"|\bcoffee\s+(?:sometime|together|with\s+you)\b"),
    R("find_time", "vague call request", {MR: 1.0},
      r"\b(?:would|i'd)\s+love\s+to\s+(?:find|grab|get|set\s+up)\s+(?:\d{1,2}|a\s+few|some)\s+"
      r"(?:minutes|mins|time)\b|\b\d{1,2}\s+minutes\s+to\s+connect\b|\bfind\s+time\s+to\s+connect\b"
      r"|\b(?:convenient|good)\s+time\s+(?:for\s+(?:a\s+)?(?:call|chat|meeting)|to\s+(?:talk|connect"
      r"|chat|speak|meet))\b"
      r"|\bopen\s+to\s+a\s+(?:short\s+|quick\s+|brief\s+)?(?:virtual\s+)?(?:coffee|call|meeting)\b"
      r"|\bhear\s+(?:more\s+)?about\s+what\s+you're\s+(?:working\s+on|building|doing)\b"
      r"|\bget\s+to\s+know\s+(?:\w+\s+){0,3}?(?:network|connections|people)\b"
      r"|\bget\s+to\s+know\s+you\s+better\b|\bswap\s+(?:notes|ideas)\b"
      r"|\brun\s+(?:something|an\s+idea)\s+by\s+you\b"),
    R("time_on_calendar", "asks for time on your calendar", {MR: 1.6},
      r"\b(?:grab|get|find|steal|borrow)\s+(?:\d{1,2}|a\s+few)\s+(?:mins?|minutes)\b"
      r"|\bon\s+your\s+calendar\b|\btime\s+on\s+your\s+(?:calendar|schedule)\b"),
    R("call_non_english", "asks for a call (non-English)", {MR: 1.6},
      r"\bkurze[sn]?\s+(?:telefonat|gespräch|austausch|call)\b|\btelefontermin"
      r"|\b\d{1,2}\s+(?:minuten|minutos)\b|\b(?:llamada|videollamada|conocernos)\b"
      r"|\bun\s+créneau\b|\bun\s+(?:bref\s+|court\s+)?(?:échange|appel|rendez-vous)\b"
      r"|\béchanger\s+avec\s+vous\b|\bmit\s+ihnen\s+austauschen\b"),
    R("content_free_call", "content-free call request", {MR: 0.8},
      r"\A\W{0,3}(?:(?:hi|hey|hello)\W{1,3}(?:\w{1,20}\W{1,3})?)?(?:quick|short|brief)\s+"
      r"(?:call|chat|question)\s*\?\W{0,5}\Z"),
    R("career_exploration", "career-exploration ask", {MR: 1.0, FR: 0.6},
      r"\bhow\s+you\s+(?:got\s+(?:started|into|your\s+start)|broke\s+into|made\s+the\s+"
      r"(?:switch|move|transition))\b|\b(?:break|breaking)\s+into\b"
      r"|\b(?:exploring|interested\s+in)\s+(?:\w+\s+)?careers?\s+in\b"
      r"|\b(?:recent|new)\s+grad(?:uate)?\b|\balumni\s+(?:group|network|directory|association)\b"
      r"|\bmov(?:e|ing)\s+from\s+\w+\s+into\b|\bgetting\s+into\b"
      r"|\bi'm\s+(?:an?\s+)?(?:\w+[- ]){0,3}?(?:student|graduate)\b"),
    R("collaborate", "explore synergies", {MR: 2.0},
      r"\b(?:discuss|explore|see)\s+how\s+(?:we|our\s+\w+)\s+(?:might|could|can|may)\s+"
      r"(?:collaborate|work\s+together|partner)\b"
      r"|\b(?:our|both)\s+(?:teams|companies|organi[sz]ations|businesses|brands)\s+(?:to\s+)?"
      r"(?:could\s+|can\s+|might\s+)?(?:work\s+together|collaborate|partner)\b"
      r"|\bshare\s+(?:common|similar)\s+goals\b|\bmutually\s+beneficial\b"
      r"|\b(?:head|director|vp|lead)\s+of\s+partnerships\b|\bi\s+lead\s+partnerships\b"
      r"|\bsynergies\b"),
    R("networking", "networking with strangers", {MR: 1.0},
      r"\b(?:expand|grow|build|widen)\s+my\s+(?:circle|network)\b|\bmeet\s+(?:more\s+)?people\s+"
      r"in\s+the\b|\bi'm\s+new\s+to\s+(?:the\s+)?\w+"
      r"|\b(?:would\s+you\s+be|are\s+you)\s+up\s+for\s+an?\s+"
      r"(?:\d{1,2}[- ]minute\s+|quick\s+|short\s+)?"
      r"(?:call|chat|zoom|coffee|meeting)\b"
      r"|\b(?:do|build|create|achieve)\s+(?:some\s+)?(?:interesting|great|amazing|big|cool)\s+"
      r"things\s+together\b"),
)
# fmt: on
