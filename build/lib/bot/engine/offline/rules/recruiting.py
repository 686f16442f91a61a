"""Recruiting rules: job outreach, recruiters, role details."""

from __future__ import annotations

from bot.engine.offline.rule import FR, MR, RC, SC, SP, R, Rule

# fmt: off
RULES: tuple[Rule, ...] = (
    R("job_opportunity", "job opportunity", {RC: 2.0},
      r"\b(?:job|career|employment)\s+opportunit(?:y|ies)\b|\b(?:exciting|great|incredible"
      r"|amazing)\s+"
      r"opportunity\s+(?:for|to\s+join|with)\b|\b(?:this|the)\s+role\b|\bthe\s+position\b"
      r"|\b(?:a|an)\s+(?:\w+\s+){0,3}?(?:role|position|vacancy)\s+(?:with|at)\s+(?:a|an|our)\b"),
    R("hiring", "hiring", {RC: 2.2},
      r"\b(?:we're|we\s+are|i'm|i\s+am|is|are|currently)\s+hiring\b|\blooking\s+to\s+hire\b"
      r"|\binterested\s+in\s+hiring\b|\bhiring\s+(?:a|an|for)\b"),
    R("open_to_new_roles", "asks if you're open to new roles", {RC: 2.2},
      r"\byou\b[^.?\n]{0,40}?\b(?:new|next|other)\s+(?:roles?|positions?|opportunit\w+|jobs?"
      r"|challenges?)\b"
      r"|\bon\s+the\s+job\s+market\b|\bready\s+for\s+(?:something\s+new"
      r"|a\s+(?:new\s+)?(?:challenge|change|move))\b"
      r"|\bsalary\s+(?:bump|increase|raise)\b|\bhappy\s+(?:at"
      r"|in)\s+(?:your\s+current\s+)?\w+\s*,\s*but\b"),
    R("profile_caught_eye", "your profile caught my eye", {RC: 0.9, SC: 0.2, MR: 0.3, SP: 0.2},
      r"\b(?:your|ur)\s+(?:\w+\s+)?(?:profile|background|experience|cv|resume|work|skills?"
      r"|rating)\b[^.\n]{0,40}?"
      r"(?:caught\s+my\s+(?:eye|attention)|stood\s+out|impressed)"
      r"|\b(?:came\s+across|found|saw|viewed|reviewed)\s+your\s+(?:linkedin\s+"
      r"|github\s+)?(?:profile|cv|resume|background)\b"
      r"|\bfrom\s+your\s+(?:linkedin\s+)?profile\b|\bfound\s+you\s+(?:on|in|through|via)\s+(?:a|my|our)\s+(?:search|database)\b"),
    R("asks_for_cv", "asks for your CV", {RC: 2.5},
      r"\b(?:send|forward|share|attach)\b[^.\n]{0,25}?\b(?:your|ur)\s+(?:current\s+|updated\s+"
      r"|latest\s+)?"
      r"(?:resume|résumé|cv)\b"),
    R("recruiter_intro", "recruiter outreach", {RC: 1.5},
      r"\b(?:i\s+am|i'm)\s+an?\s+(?:\w+\s+)?recruiter\b|\btalent\s+(?:acquisition|partner|team)\b"
      r"|\bheadhunt\w*"
      r"|\bstaffing\s+(?:agency|firm)\b|\bsearch\s+for\s+an?\s+(?:\w+\s+){0,3}?(?:startup|company"
      r"|scale-?up|client|fintech|healthtech|series)"
      r"|\bconfidential\s+(?:chat|search|opportunity|conversation)\b"
      r"|\b(?:my|our)\s+client\b[^.\n]{0,60}?\b(?:hiring|looking\s+for|seeking"
      r"|(?:one\s+of\s+)?the\s+world's\s+leading)|\bclients\s+(?:that|who)\s+are\s+(?:looking"
      r"|seeking)"),
    R("role_details", "role details", {RC: 1.2},
      r"\b(?:full[- ]time\s+(?:remote\s+)?(?:job|role|position)|contract\s+(?:&|and|or)\s+permanent"
      r"|permanent\s+(?:role|position)|remote\s+(?:job|role|position)|relocation(?:\s+assistance)?"
      r"|competitive\s+salary|compensation\s+package)\b"),
    R("join_our_team", "join our team", {RC: 1.0},
      r"\bjoin\s+(?:our|the|my)\s+(?:\w+\s+){0,2}team\b|\bengineering\s+teams?\b"),
    R("job_perks", "job perks", {RC: 1.6},
      r"\b(?:we\s+offer|offers?|with)\s+(?:some\s+)?(?:amazing|great|excellent|generous"
      r"|attractive)\s+(?:perks|benefits)\b"
      r"|\bbenefits\s+package\b|\bstock\s+options\b"),
    R("job_description", "job description", {RC: 1.2},
      r"\bwill\s+be\s+(?:involved\s+in|responsible\s+for)\b|\bthe\s+successful\s+candidate\b"
      r"|\bresponsibilities\s+include\b|\b\d\+?\s+years\s+of\s+(?:\w+\s+)?experience\b"),
    R("specific_hire", "looking for a specific hire", {RC: 1.5},
      r"\b(?:looking\s+for|seeking|need|hiring)\b[^\n]{0,30}?\b(?:developer|engineer|designer"
      r"|programmer"
      r"|product\s+manager|data\s+scientist|analyst|architect|devops|illustrator|copywriter"
      r"|translator|freelancer|(?:marketing|sales|engineering|project)\s+manager)s?\b"),
    R("good_fit", "you'd be a good fit", {RC: 1.5},
      r"\b(?:good|great|perfect|strong)\s+fit\s+(?:for|on)\s+(?:the|our|one\s+of|this|a)\b"
      r"|\byou\s+(?:may|might|would)\s+be\s+(?:a\s+)?(?:good|great)\s+fit\b"),
    R("cofounder_hunt", "co-founder hunting", {RC: 2.2},
      r"\bco-?founder\b|\blooking\s+for\s+an?\s+(?:technical\s+)?partner\s+to\s+(?:work|build"
      r"|join|start)"),
    R("talent_agency", "talent agency", {RC: 2.0},
      r"\btalk\s+talent\b|\b(?:creative|digital|tech|top|local|international)\s+talent\b"),
    R("asks_for_referral", "asks for a referral", {RC: 1.0, FR: 0.6},
      r"\bif\s+you\s+know\s+(?:of\s+)?(?:anyone|someone)\b|\b(?:know|recommend)\s+(?:anyone"
      r"|someone)\s+who\s+"
      r"(?:might|would|could)\s+be\s+(?:interested|a\s+good\s+fit)"),
    R("recruiting_for", "recruiter outreach", {RC: 1.8},
      r"\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:currently\s+)?recruiting\b|\brecruiting\s+for\b"
      r"|\breferral\s+(?:bonus|fee|reward)\b|\brepresenting\s+an?\s+(?:\w+\s+){0,3}?"
      r"(?:candidate|developer|engineer|designer|manager|professional)"
      r"|\b(?:technical|tech|it|senior|lead)\s+recruiter\b|\brecruiter\s+(?:at|for|with|from)\b"
      r"|\b(?:his|her|their)\s+(?:anonymi[sz]ed\s+|full\s+|updated\s+)?(?:cv|resume)\b"
      r"|\brequirement\s*:"
      r"|\b(?:urgent|immediate)\s+(?:requirement|opening|need)\b"),
    R("job_opening", "job opening", {RC: 2.0},
      r"\b(?:an?|the|our)\s+(?:[\w-]+\s+){0,3}?opening\s+(?:on|at|for|in|with)\b"
      r"|\bjob\s+openings?\b|\bopen\s+(?:roles?|positions?|reqs?)\b"
      r"|\bthe\s+(?:[\w-]+\s+){1,3}(?:role|position)\s+(?:at|with|on|in)\b"
      r"|\b(?:salary|pay)\s+(?:band|range)\b|\bfull\s+(?:jd|job\s+description)\b"),
    R("role_terms", "role details", {RC: 1.2},
      r"[$£€]\s?\d{2,3}(?:\s?[-–]\s?[$£€]?\d{2,3})?\s?k\b|\b(?:\+|plus)\s+equity\b"
      r"|\bequity\s+(?:package|split)\b|\bhybrid\s+(?:\d|role|working)|\bfully\s+remote\b"
      r"|\bremote[- ]first\b|\b(?:4|four)[- ]day\s+(?:work\s+)?week\b|\bw2\b|\bc2c\b"
      r"|\bcontract\s+\d+\s+months\b|\b(?:paid|pay)\s+per\s+(?:project|hour|piece)\b"
      r"|\(m/w/d\)|\(h/f\)|\bcdi\b|\bpour\s+un\s+poste\s+de\b|\bpara\s+un\s+puesto\s+de\b"),
    R("job_outreach_non_english", "job outreach (non-English)", {RC: 2.5},
      r"\b(?:reclutador\w*|recruteu(?:r|se)s?|chargée?\s+de\s+recrutement|personalberater\w*"
      r"|headhunterin|vacantes?|stellenangebot\w*|offre\s+d'emploi|oferta\s+de\s+(?:empleo"
      r"|trabajo)|estamos\s+buscando\s+(?:un|una|un/a)|suche\s+für\s+"
      r"(?:einen|unseren)\s+kunden)\b"),
    R("profile_non_english", "your profile caught my eye", {RC: 0.9, MR: 0.3},
      r"\bvotre\s+profil\s+a\s+retenu\b|\b(?:vi|he\s+visto)\s+tu\s+perfil\b"
      r"|\bihr\s+profil\s+(?:hat|ist)\b"),
    R("client_needs_hire", "recruiter outreach", {RC: 1.5},
      r"\b(?:lead|leads|head|run|runs|manage|manages)\s+(?:\w+\s+)?(?:hiring|recruiting"
      r"|recruitment|talent\s+acquisition)\b"
      r"|\b(?:a\s+client\s+of\s+mine|my\s+client)\b[^.\n]{0,60}?\b(?:needs|wants|requires"
      r"|is\s+looking)\b"
      r"|\bconsider\s+a\s+(?:move|change|new\s+role)\b|\bopen\s+to\s+a\s+move\b"
      r"|\b(?:needs|hiring|looking\s+for|seeking)\s+an?\s+(?:head|director|vp|chief)\s+of\b"
      r"|\bbase\s+(?:salary\s+)?(?:up\s+to\s+|of\s+)?[$£€]\d"
      r"|\bcaught\s+our\s+(?:eye|attention)\b"),
    R("job_details_non_english", "job outreach (non-English)", {RC: 2.5},
      r"\b(?:stellenbeschreibung|stelle\s+als|in\s+vollzeit|jornada\s+completa"
      r"|à\s+temps\s+plein|descripción\s+del\s+puesto|fiche\s+de\s+poste)\b"),
)
# fmt: on
