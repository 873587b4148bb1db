"""The input guard: classify a question as dosing, personal medical, emergency, or fine.

Rules over a normalised question, not a model: they are readable, testable one by one, and
stable. They are tuned on tests/data/safety_phrasings.yaml (hundreds of real-style phrasings)
and must let educational questions through even when they use words such as "dose",
"injection", "protocol" or "weekly". `context` is the conversation's current topic, so a
follow-up such as "and how much of it?" is judged with the medicine in mind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tutor.core.safety.lexicon import ADMIN, AGENTS, DECIDE, LAB_UNITS, LAB_WORDS, NUMBERED_NAMES, PEOPLE
from tutor.core.safety.redact import find_dose_details
from tutor.core.text import clean_input
from tutor.core.vocab import Reason

DOSING, PERSONAL, EMERGENCY = Reason.DOSING, Reason.PERSONAL, Reason.EMERGENCY


@dataclass(frozen=True)
class Verdict:
    reason: str | None      # None when the question may be answered
    rule: str = ""          # which rule fired, for tests and --debug

    @property
    def refused(self) -> bool:
        return self.reason is not None


_AGENT = r"(?:[a-z]+num|" + "|".join(sorted((re.escape(a) for a in AGENTS), key=len, reverse=True)) + r")"
_ME = r"(?:i|me|my|mine|myself|i'm|im|i've|ive|i'd|id|i'll|we|us|our)"
_UNIT_WORD = r"(?:mg|mgs|mcg|ug|µg|iu|ius|ml|mls|cc|ccs|units?|milligrams?|micrograms?|tabs?|tablets?|pills?|caps(?:ules)?|clicks?|ticks?|drops?|pumps?|vials?|amps?|syringes?|grams?|g)"
_FREQ_ABBR = r"(?:eod|e\d(?:[.,]\d)?d|ed|qd|qod|bid|tid|mwf|m/w/f|m/th|mon/thu|x/wk|x/week|/wk|/week|/day|x\s*a\s*(?:week|day)|\dx|x\d)"
_WHEN = r"(?:in\s+the\s+morning|at\s+night|morning\s+or\s+(?:night|evening)|(?:night|evening)\s+or\s+morning|bedtime|before\s+bed|empty\s+stomach|with\s+(?:food|meals?)|time\s+of\s+(?:the\s+)?day|am\s+or\s+pm|pm\s+or\s+am)"
_EDU_FRAME = re.compile(
    r"^(?:so\s+|and\s+|but\s+|ok\s+)?(?:why\b|what\s+does\s+.*\b(?:mean|refer\s+to|stand\s+for)\b|what\s+is\s+(?:a|an|the)\s+(?:\w+\s+)?(?:dose|dosage|dosing|taper|titration|protocol|cycle)\b(?!\s+(?:of|for))"
    r"|what\s+do\s+.*\b(?:mean|stand\s+for)\b|.*\bdifference\s+between\b(?!.*\b(?:for\s+me|should\s+i|my)\b)"
    r"|what(?:'s|\s+is|s)\s+an?\s+(?:iu|mg|ml|mcg|unit|international\s+unit|milligram|microgram|milliliter|millilitre)\b"
    r"|what\s+(?:is|are)\s+meant\b|what\s+(?:is|does)\s+(?:the\s+)?(?:term|word|phrase)\b|.*\bin\s+general\b|.*\bas\s+a\s+concept\b|.*\bin\s+(?:this|the)\s+context\b)")

_EMERGENCY = [
    r"\b(?:overdos\w*|over\s*dos\w*|od'?d|o\.d\.)\b",
    r"\b(?:took|taken|take|injected|inject|swallowed|pinned|used)\s+(?:way\s+)?(?:too\s+(?:much|many)|double|triple|a\s+whole\s+(?:bottle|vial|pack))",
    r"\baccidentally\s+(?:took|injected|swallowed|pinned|used|gave|double)",
    r"\bpoison\w*",
    r"\b(?:took|take|swallowed|ate|drank|injected)\b.{0,40}\b(?:whole|entire|full)\s+(?:bottle|pack|packet|vial|box|blister)|\bon\s+purpose\b.*\b(?:took|swallowed|overdo\w*|pills?)\b|\b(?:took|swallowed)\b.*\bon\s+purpose\b",
    r"\b(?:won'?t|wont|can'?t|cant|doesn'?t|isn'?t)\s+(?:wake\s+up|waking\s+up|breathing|responding)\b|\bnot\s+(?:breathing|waking\s+up|responding)\b|\bblue\s+lips\b",
    r"\b(?:by\s+accident|accidental(?:ly)?)\b.*\b(?:took|take|taken|injected|swallowed|pills?|shots?|doses?|whole)\b|\b(?:took|taken|injected|swallowed)\b.*\bby\s+accident\b",
    r"\b(?:kid|child|son|daughter|toddler|baby|dog|cat)\s+(?:\w+\s+)?(?:swallowed|ate|got\s+into|drank)\b",
    r"\b(?:worst\s+headache|vision\s+(?:is\s+)?(?:going|gone|loss|went)|lost\s+(?:my\s+)?vision|can'?t\s+see|can'?t\s+catch\s+my\s+breath|heart\s+(?:is\s+)?(?:racing|pounding)|feel(?:ing)?\s+(?:faint|like\s+(?:i'?m\s+)?(?:dying|passing\s+out))|coughing\s+(?:up\s+)?blood|numb(?:ness)?\s+(?:on\s+one\s+side|in\s+my\s+(?:face|arm)))",
    r"\b(?:suicid\w*|kill(?:ing)?\s+my\s*self|end\s+(?:my|it\s+all)|want\s+to\s+die|don'?t\s+want\s+to\s+(?:live|be\s+alive)|self[-\s]?harm\w*|hurt(?:ing)?\s+my\s*self|cut(?:ting)?\s+my\s*self)",
    r"\bchest\s+(?:pain|pains|hurts?|hurting|is\s+(?:tight|hurting|crushing)|tightness|pressure)|\b(?:pain|pressure|tightness|crushing)\s+in\s+(?:my\s+|the\s+)?chest",
    r"\b(?<!had\sa\s)(?<!history\sof\s)(?:heart\s+attack|can'?t\s+breathe|cannot\s+breathe|can\s+not\s+breathe|trouble\s+breathing|difficulty\s+breathing|short(?:ness)?\s+of\s+breath|struggling\s+to\s+breathe)",
    r"\b(?:stroke\s+symptoms?|having\s+a\s+stroke|face\s+(?:is\s+)?droop\w*|slurred\s+speech|seizure|seizing|convuls\w*|passed\s+out|fainted|unconscious|unresponsive|collapsed)",
    r"\b(?:anaphyla\w*|throat\s+(?:is\s+)?(?:closing|swelling|swollen))|\b(?:lips?|tongue|throat|face)\b(?:\s+\w+){0,3}\s+(?:swell\w*|swollen|closing)",
    r"\b(?:erection|priapism)\b.*\b(?:hours?|hrs?|won'?t\s+go\s+(?:away|down)|painful)",
    r"\b(?:call(?:ed)?\s+(?:911|999|112|an\s+ambulance)|emergency\s+room|going\s+to\s+the\s+er\b)",
]

_DOSING = [
    ("amount", rf"(?<![a-z-])(?:\d+(?:[.,]\d+)?|[.,]\d+)\s*-?\s*{_UNIT_WORD}\b"),
    ("agent-number", rf"\b{_AGENT}\s*(?:at|@|of|is)?\s*(?:\d+(?:[.,]\d+)?|[.,]\d+)(?!\s*(?:years?|yrs?|yo|y/o|year-old|%|percent|th|st|nd|rd)\b)"),
    ("number-agent", rf"(?<![a-z-])(?:\d+(?:[.,]\d+)?|[.,]\d+)\s*(?:of\s+)?{_AGENT}\b"),
    ("frequency-abbreviation", rf"(?:\b|\d){_FREQ_ABBR}\b"),
    ("frequency-phrase", r"\b\d+(?:[.,]\d+)?\s*(?:a|an|per|each|every|/)\s*(?:day|week|wk|month)\b|\b(?:once|twice|thrice|\d+\s*(?:x|times))\s*(?:a|an|per|each|every|/)?\s*(?:day|daily|week|weekly|wk|month|night)\b|\bevery\s+(?:other|\d+|second|third)\s+(?:day|days|week|weeks|night)\b|\bper\s+(?:day|week|wk)\b"),
    ("unit-word", r"\b(?:mg|mgs|mcg|ug|µg|iu|ius|ml|mls|cc|ccs)\b|\bper\s+(?:kg|kilo|pound|lb)\b|/\s*kg\b|\bbody\s*weight\b|\b(?:the|what|which|how\s+many)\s+(?:units?|ml|mg)\b"),
    ("trailing-dose", r"\b(?:dose|doses|dosage|dosages|dosing|amounts?|ratio|frequency|schedule)\s*[?.!]*\s*(?:pls|plz|please|thx|thanks)?\s*[?.!]*$|\b(?:amounts?|ratio)\b.*\b(?:pls|plz|please|for)\b|\b(?:injection|dosing|dose|pin|pinning|shot|injecting)\s+(?:frequency|schedule|timing|interval|protocol|chart)\b"),
    ("threshold", rf"\b(?:go|going|get|getting|stay|staying|be)\s+(?:above|over|below|under|past|beyond)\s+\d|\b(?:above|over|more\s+than|less\s+than|under|below|exceed\w*)\s+\d+(?:[.,]\d+)?\b(?=.*\b(?:{_AGENT}|dose|{ADMIN})\b)|\b(?:{_AGENT}|dose|{ADMIN})\b.*\b(?:above|over|more\s+than|less\s+than|exceed\w*)\s+\d"),
    ("dosing-guidance", r"\b(?:dosing|dosage|dose)\s+(?:guidelines?|guide|guidance|info|information|recommendations?|regimen|instructions?|advice|protocol)\b|\bwith\s+(?:the\s+)?(?:doses|dosages|amounts|dosing)\b|\b(?:go|going)\s+(?:higher|lower|up|down)\b|\bstep\s+(?:\w+\s+){0,2}(?:down|up)\b|\b(?:time\s*frame|how\s+(?:quick|quickly|fast|soon))\b.*\b(?:taper|step|drop|cut|come\s+off|wean|lower)\b|\b(?:taper|step|drop|cut|come\s+off|wean|lower)\b.*\b(?:time\s*frame|how\s+(?:quick|quickly|fast|soon))\b"),
    ("how-much", rf"\bhow\s*(?:much|many)\b(?!\s+(?:does|do|did|can|could|will|would|is|are)\s+(?:\w+\s+){{0,4}}(?:affect|influence|impact|matter|change|raise|lower|increase|decrease|reduce|suppress|stimulate|boost|improve|help|differ|vary|contribute|rise|drop|fall)\b)(?=.*(?:\b{_ME}\b|\byou\b|\bshould\b|\bto\s+(?:take|use|inject|run|start)|\b{_AGENT}\b|\b{_UNIT_WORD}\b|\bdos\w*|\bof\s+(?:it|this|that|them|each)\b|\btoo\s+much\b|\bis\s+(?:safe|enough|ok|normal|too)|\?$|$))"),
    ("how-often", rf"\bhow\s*often\b(?=.*(?:\b{_ME}\b|\byou\b|\bshould\b|\b{ADMIN}\b|\b{_AGENT}\b|\bdos\w*|\bit\b|\bthat\b|\bthem\b|\?$|$))(?!.*\b(?:is|are|does|do)\s+(?:\w+\s+){{0,3}}(?:released|secreted|produced|pulse|pulses|released|checked|monitored|measured|tested)\b)"),
    ("how-long", rf"\bhow\s*long\b.*\b(?:{_ME}|you|should|can|to)\b.*\b(?:{ADMIN}|on|off|for|course|cycle|pct|last|wait|continue)\b|\bhow\s*long\b.*\b(?:course|cycle|pct|run|blast|taper)\b|\bhow\s*long\s+(?:is|should\s+be)\s+(?:a|the)\s+\w+\s+(?:cycle|course|pct|run|protocol|taper)|\bhow\s*(?:long|many\s+weeks|many\s+days|many\s+months)\b(?=\s*(?:\?|$|for\b|on\b|of\s+(?:it|this|that)))"),
    ("cycle-length", r"\b(?:cycle|course|pct|protocol|taper|run|blast)\s+(?:length|duration|lengths)\b|\b(?:length|duration)\s+of\s+(?:a|the|my)?\s*(?:cycle|course|pct|run|blast|taper|protocol)\b|\bweeks?\s+(?:on|off)\b"),
    ("dose-question", rf"\b(?:what|which|whats|what's|wat|right|best|correct|proper|good|ideal|optimal|start(?:ing)?|initial|max(?:imum)?|min(?:imum)?|typical|usual|normal|standard|recommended|effective|safe|average|common|daily|weekly|my|your|exact|clinical|therapeutic|beginner|first|lowest|highest|smallest)\s+(?:\w+\s+)?(?:dose|doses|dosage|dosages|dosing|amount|strength)\b|(?<!high\s)(?<!higher\s)(?<!low\s)(?<!lower\s)(?<!large\s)(?<!small\s)(?<!big\s)(?<!excessive\s)(?<!supraphysiological\s)\b(?:dose|doses|dosage|dosages|dosing|amount|strength)\s+(?:of|for|to|per)\b(?!\s+(?:outside|external|exogenous|earlier|prior|previous|past)\b)|\b(?:dose|doses|dosage|dosages|dosing|amount|strength)\s+(?:range|schedule|protocol|chart|calculator|needed|required|should)\b|\bdos(?:e|age|ing)s?\s*(?:\d|{_AGENT}\b)|\b{_AGENT}\s+(?:dose|doses|dosage|dosages|dosing|amount)\b"),
    ("adjust-dose", r"(?<!\bthe )(?<!\bat )(?<!\bin )(?<!\bwith )(?<!\bof )(?<!\ba )\b(?:increase|decrease|raise|lower|up|bump|double|halve|split|adjust|change|reduce|cut|skip|miss(?:ed)?|forgot|spread|space)\s+(?:\w+\s+){0,3}(?:dose|doses|dosage|dosing|shot|shots|pin|pins|injection|injections|pill|pills|tab|tabs|it|them)\b"),
    ("missed-dose", rf"\b(?:missed|miss|skipped|skip|forgot|forget)\b.*\b(?:dose|doses|shot|pin|injection|pill|tab|{_AGENT})\b"),
    ("maximum", rf"\b(?:max(?:imum)?|upper\s+limit|most\s+(?:i|you)\s+can|safe\s+(?:amount|limit|upper)|too\s+much|overdo\w*|limit)\b.*\b(?:{_AGENT}|dose|dosage|{ADMIN}|per)\b|\b{_AGENT}\b.*\b(?:max(?:imum)?|too\s+much|upper\s+limit)\b"),
    ("timing", rf"\bwhen\s+(?:should|do|can|to|is\s+the\s+best\s+time\s+to|would)\s+(?:{_ME}|you|one|someone|people|guys)?\s*(?:\w+\s+)?{ADMIN}\b|\bwhat\s+time\b.*\b(?:{ADMIN}|{_AGENT})\b|\b{_WHEN}\b.*\b(?:{ADMIN}|{_AGENT})\b|\b(?:{ADMIN}|{_AGENT})\b.*\b(?:{_WHEN}|before\s+(?:or|and)\s+after)\b|\bbest\s+(?:time|day|days|hour)\b"),
    ("taper-titrate", rf"\bhow\s+(?:do|should|can|would|to)\s+(?:{_ME}|you|one|someone)?\s*(?:\w+\s+)?(?:taper|titrate|wean|ramp|stack|cycle|pct|come\s+off|get\s+off|restart|kick\s*start|jump\s*start|split|spread|space|time|reconstitute|mix|dilute|load|front\s*load)\b|\b(?:taper|titration|titrate|wean(?:ing)?)\s+(?:off|down|up|schedule|plan|protocol|chart|from)\b|\b(?:taper|titrate)\s+{_AGENT}\b"),
    ("stacking", rf"\bhow\s+much\s+of\s+each\b|\bgood\s+(?:\w+\s+){{0,6}}stack\b|\bstack(?:ing)?\s+(?:\w+\s+)?(?:with|and)\b.*\b(?:how|dose|mg|iu|much|ratio)\b"),
    ("what-to-take", rf"\bwhat\s+(?:should|can|could|do|would)\s+(?:{_ME}|you)\s+(?:\w+\s+)?(?:take|use|run|get|try|start|stack|inject|pin|buy|order)\b|\bwhat\s+(?:would|do)\s+you\s+(?:recommend|suggest|start)\b"),
    ("personal-plan", rf"(?=.*\b(?:{_ME}|us)\b)\b(?:give|write|make|design|build|create|recommend|suggest|plan|set\s+up|lay\s+out|map\s+out|need|want|send|like)\s+(?:me\s+|us\s+)?(?:a|an|my|the|some)?\s*(?:\w+\s+){{0,3}}(?:protocol|plan|regimen|cycle|pct|schedule|stack|routine|program|course|titration)\b(?<!menstrual\scycle)(?<!female\scycle)(?<!sleep\scycle)|^(?:please\s+)?(?:give|write|make|design|build|create|draft|lay\s+out|map\s+out)\b.*\b(?:protocol|plan|regimen|cycle|pct|schedule|stack|routine)\b|\b(?:my|our)\s+(?:\w+\s+)?(?:protocol|cycle|pct|regimen|stack|dose|doses|dosage|schedule|titration|taper|injections?|shots?|pins?)\b|\b(?:protocol|plan|regimen|schedule|stack|cycle|pct)\s+for\s+(?:me|us|my|a\s+\d+|someone\s+like\s+me)\b"),
    ("conversion", rf"\b(?:convert\w*|conversion)\b.*\b(?:{_UNIT_WORD}|syringe)\b|\b(?:reconstitut\w*|bac(?:teriostatic)?\s+water|how\s+many\s+(?:clicks|units|ius?|mg|ml|cc|ticks|mcg)|equivalent\s+dose|(?:clicks|units|ius?|ticks)\s+(?:is|are|equals?|in|on|to)\b)"),
    ("duration-number", rf"\b\d+\s*(?:-|to)?\s*\d*\s*(?:weeks?|wks?|days?|months?)\b.*\b(?:{_AGENT}|{ADMIN}|cycle|course|pct|protocol)\b|\b(?:{_AGENT}|{ADMIN}|cycle|course|pct)\b.*\b(?:for|over)\s+\d+\s*(?:-|to)?\s*\d*\s*(?:weeks?|wks?|days?|months?)\b"),
]

_PERSONAL = [
    ("which-one", rf"\bwhich\s+(?:\w+\s+)?(?:should|do|would|can)\s+(?:{_ME}|you)\s+(?:\w+\s+)?(?:take|use|run|pick|choose|start|go\s+with|try)\b"),
    ("should-i", rf"\b(?:should|shall|can|could|may|must|would\s+it\s+be\s+(?:ok|okay|wise|smart|safe|good|bad)\s+(?:for\s+me\s+)?to|(?<!why\s)do(?=\s+(?:i|we)\s+(?:need|have\s+to|really|still))|is\s+it\s+(?:ok|okay|fine|safe|bad|wise|smart|worth\s+it)\s+(?:for\s+me\s+)?(?:to|if))\s+(?:{_ME}|he|she|they|my\s+\w+|my\s+\w+\s+\w+)\s+(?:still\s+|just\s+|even\s+|really\s+|also\s+|ever\s+)?(?:need\s+to\s+|have\s+to\s+|be\s+able\s+to\s+)?{DECIDE}\b(?!\s+(?:with\s+)?(?:all\s+)?(?:of\s+)?(?:this|the|these|that)\s+(?:info|information|knowledge|insights?|material|text|stuff|reading)\b)"
     rf"|^(?:should|can|could|do)\s+(?:still\s+|just\s+)?{DECIDE}\b(?=.*\b(?:my|me)\b)"),
    ("is-it-safe-for-me", rf"\b(?:is|are|would|will)\s+(?:it|this|that|they|these|\w+)\s+(?:\w+\s+)?(?:safe|ok|okay|fine|dangerous|risky|bad|good|right|worth\s+it|a\s+good\s+idea|a\s+bad\s+idea)\s+(?:for|to)\s+(?:me|my|someone\s+like\s+me|us)\b|\b(?:safe|ok|okay|dangerous|risky)\s+(?:for\s+me|if\s+i)\b"),
    ("for-me", rf"\b(?:for|to)\s+me\b|\bwill\s+(?:it|this|that|\w+)\s+(?:work|help)\s+(?:for\s+)?(?:me|my)\b|\b(?:help|work\s+for|fix|cure|treat|restart|recover)\s+(?:me|my)\b(?!\s+(?:understand|learn|take\s+part|participate|see|grasp|make\s+sense|remember|study|follow)\b)"),
    ("my-labs", rf"{LAB_UNITS}|\b(?:my|our|his|her)\s+(?:recent\s+|latest\s+|last\s+|current\s+)?{LAB_WORDS}|\b(?:interpret|read|explain|look\s+at|check|review|analy[sz]e)\s+(?:my|these|our|his|her)\s+(?:\w+\s+)?(?:labs?|results?|numbers|blood\s*work|levels|panel|bloods)\b|\b(?:total\s+|free\s+)?(?:t|test|testosterone|e2|estradiol|lh|fsh|shbg|psa|hematocrit|prolactin|igf-?1)\s+(?:is|was|came\s+back|at|of|=)\s+\d"),
    ("diagnosis", rf"\b(?:is|are|was|were)\s+my\b|\bwill\s+(?:my|i)\b|\bmine\s+(?:is|are|was|were|has|have|came|looks?|seems?|probably|might|could)\b|\bam\s+i\s+(?:in|going\s+through|having|entering|starting)\b|\bmess\s+(?:up|with)\s+(?:me|my)\b|\bam\s+i\s+(?:a\s+)?(?:good\s+|right\s+)?(?:candidate|eligible)\b|\b(?:hurt|harm|damage|ruin|kill|affect)\s+(?:me|my)\b|\b(?:do|did|could|might|would)\s+(?:i|you\s+think\s+i|he|she)\s+(?:\w+\s+)?(?:have|has|got)\b|\b(?:am|was)\s+i\s+(?:\w+\s+)?(?:low|hypogonadal|infertile|deficient|sterile|sick|normal|okay|ok|at\s+risk|suppressed|shut\s*down)\b|\bwhat'?s?\s+(?:is\s+)?wrong\s+with\s+(?:me|my)\b|\bdiagnos\w*\b(?=.*\b{_ME}\b)|\b{_ME}\b.*\bdiagnos\w*|\b(?:can|could|would|will)\s+you\s+(?:\w+\s+)?diagnos\w*|\bis\s+(?:this|it|that)\s+normal\s+(?:for\s+me|that\s+i)\b|\bwhy\s+(?:am|do)\s+i\b|\b(?:i|i've|ive|i'?ve\s+been|i\s+keep)\s+(?:have|had|having|got|getting|feel|am\s+feeling|'?m\s+feeling|been\s+having|noticed|notice)\s+\w+.*\b(?:what|should|is\s+it|could|why|normal)\b"),
    ("about-my-medicine", rf"\b(?:i'?m|i\s+am|i\s+was|i've\s+been|ive\s+been|been)\s+(?:\w+\s+){{0,2}}(?:on|taking|using|running|prescribed|pinning|injecting|coming\s+off|off)\s+(?:\w+\s+){{0,3}}(?:{_AGENT})\b|\bmy\s+(?:doctor|dr|doc|clinic|endo|urologist|prescriber|trt\s+clinic)\b|\b(?:i'?m|i\s+am)\s+\d{{2}}\b|\b(?:my|our)\s+(?:{_AGENT})\b"),
    ("someone-close", rf"\b(?:my|our)\s+{PEOPLE}\b.*\b(?:should|can|could|is\s+it|does|needs?|wants?|take|taking|on|stop|start|labs?|levels?|dose)\b"),
]

_PERSONAL_FIRST = ("my-labs", "diagnosis")

_COMPILED = {
    "emergency": [re.compile(p) for p in _EMERGENCY],
    "dosing": [(name, re.compile(p)) for name, p in _DOSING],
    "personal": [(name, re.compile(p)) for name, p in _PERSONAL],
}

_FOLLOW_UP = re.compile(
    r"^(?:and|so|ok|okay|alright|right|cool|great|thanks|thx|but|then|well|hmm|um)?[\s,!.]*(?:what\s+about\s+|and\s+)?"
    r"(?:how\s*(?:much|many|often|long)|what\s+(?:dose|dosage|amount|strength)|dose|dosage|(?:the\s+)?amount|(?:the\s+)?ratio|how\s+many\s+(?:mg|iu|ml|units))\b")


def normalise(text: str) -> str:
    """Lower case, NFKC, no zero-width characters, and run-together words pulled apart
    ("howmuch" -> "how much", "dosage4" -> "dosage 4"), so rules see words."""
    t = clean_input(text).lower().replace("’", "'").replace("‘", "'")
    t = re.sub(r"\b(how)(much|many|often|long)\b", r"\1 \2", t)
    t = re.sub(r"\b(what|whats|which|max|best|right|good|starting)(dose|dosage|dosing|amount)\b", r"\1 \2", t)
    t = re.sub(r"\b(dose|dosage|dosing)(\d+|for|of|4)\b", lambda m: f"{m.group(1)} {'for' if m.group(2) == '4' else m.group(2)}", t)
    t = re.sub(r"\b(should|can|do)(i|you)\b", r"\1 \2", t)
    t = re.sub(r"\bhow dose\b(?!\s+(?:of|for|to|should|per|is|do\s+i)\b)", "how does", t)
    t = re.sub(NUMBERED_NAMES, lambda m: re.sub(r"[^a-z]", "", m.group(0)) + "num", t)
    return re.sub(r"\s+", " ", t).strip()


def _first(rules, text: str) -> str | None:
    for name, pattern in rules:
        if pattern.search(text):
            return name
    return None


_BARE_SCHEDULE_WORD = re.compile(r"^(?:\w+\s+)?(?:daily|weekly|bi-?weekly|nightly|fortnightly|semi-?weekly)$")


def _requested_details(text: str) -> list[str]:
    """Dose details in a question, except a lone "weekly" or "daily": "weekly injections" is a
    route of treatment a learner may ask about, not a schedule being asked for."""
    return [d for d in find_dose_details(text) if not _BARE_SCHEDULE_WORD.match(d.strip().lower())]


def classify(question: str, context: str = "") -> Verdict:
    """Refuse-or-answer verdict for a question; `context` is the current conversation topic."""
    text = normalise(question)
    if not text:
        return Verdict(None)
    if any(p.search(text) for p in _COMPILED["emergency"]):
        return Verdict(EMERGENCY, "emergency")
    first = _first([r for r in _COMPILED["personal"] if r[0] in _PERSONAL_FIRST], text)
    if first:
        return Verdict(PERSONAL, first)
    personal = _first(_COMPILED["personal"], text)
    if _requested_details(text) and not _EDU_FRAME.search(text):
        return Verdict(DOSING, "dose-details")
    educational = bool(_EDU_FRAME.search(text)) and not re.search(rf"\b{_ME}\b", text)
    rule = None if educational else _first(_COMPILED["dosing"], text)
    if rule:
        return Verdict(DOSING, rule)
    if context and _FOLLOW_UP.search(text):
        return Verdict(DOSING, "follow-up")
    return Verdict(PERSONAL, personal) if personal else Verdict(None)
