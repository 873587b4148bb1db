"""Words the guard looks for, kept apart from the rules that use them so they can grow."""

# Medicines and substances people ask about, beyond the glossary's own names and aliases;
# many are never mentioned in the text, and questions about their dosing are refused all the same.
AGENTS = """
testosterone test t trt hrt cyp cypionate enanthate enan test-c testc test-e teste prop propionate undecanoate
sustanon androgel gel cream pellet pellets estradiol estrogen e2 progesterone prometrium dhea pregnenolone
hcg pregnyl novarel ovidrel hmg menopur fsh lh kisspeptin gonadorelin gonadorellin factrel
clomid clomiphene clomifene clomaphine clomiphine clomi enclomiphene enclo androxal tamoxifen tamox nolva nolvadex
raloxifene evista toremifene anastrozole anastrazole arimidex adex letrozole femara exemestane aromasin
ai ais serm serms sermorelin ipamorelin ipamorellin ipa cjc cjc-1295 cjc1295 mod-grf tesamorelin egrifta
hexarelin ghrp ghrp-2 ghrp-6 mk-677 mk677 mk ibutamoren gh hgh somatropin genotropin norditropin igf igf-1
pt-141 pt141 bremelanotide vyleesi melanotan mt2 mt-2 pda pentadeca bpc bpc-157 bpc157 tb-500 tb500 thymosin
aod aod-9604 semaglutide ozempic wegovy tirzepatide mounjaro metformin finasteride propecia dutasteride
minoxidil cabergoline caber dostinex spironolactone nandrolone deca trenbolone tren anavar oxandrolone
dianabol dbol winstrol winny stanozolol anadrol oxymetholone primobolan primo masteron equipoise eq
sarm sarms rad-140 rad140 ostarine mk-2866 lgd lgd-4033 cardarine clenbuterol clen t3 t4 cytomel levothyroxine
synthroid armour thyroid viagra sildenafil cialis tadalafil insulin steroid steroids peptide peptides
med meds medication medications medicine drug drugs pill pills tabs tablets injection injections shot shots
supplement supplements cycle pct stack patch patches arginate
""".split()

# Verbs that mean putting a medicine into a body.
ADMIN = r"(?:take|taking|took|takes|inject|injecting|injected|pin|pinning|pinned|run|running|ran|use|using|dose|dosing|dosed|administer|administering|apply|applying|rub|swallow|start|starting|begin|stack|stacking|cycle|cycling|cruise|cruising|blast|blasting|hop\s+on|jump\s+on|go\s+on|get\s+on|be\s+on|stay\s+on|shoot|jab|microdose|microdosing|split|spread|space|time|titrate|taper|wean|ramp|load|front-?load)"

# Verbs of a personal decision about a medicine.
DECIDE = r"(?:drink|eat|exercise|lift|train|work\s+out|drive|fly|travel|donate|smoke|go\s+back\s+on|get\s+back\s+on|need|stop|quit|come\s+off|get\s+off|go\s+off|cut|drop|skip|start|begin|restart|go\s+on|get\s+on|be\s+on|stay\s+on|switch|change|take|use|try|add|combine|mix|raise|lower|increase|decrease|reduce|up|bump|adjust|continue|keep|ask\s+(?:my\s+doctor\s+)?for|do|get|run|pin|inject|stack|worry|be\s+worried|see\s+a\s+doctor)"

PEOPLE = r"(?:husband|wife|partner|boyfriend|girlfriend|bf|gf|son|daughter|kid|child|dad|father|mom|mum|mother|brother|sister|friend|buddy|client|patient|wife's|husband's)"

_REPORTED = r"(?=\s+(?:is|are|was|were|level|levels|came|come|result|results|reading|readings|at|=|of|shows?|showed|look|looks|says?)\b|\s*[:=]?\s*\d)"
LAB_WORDS = (r"(?:labs|lab\s+(?:work|results?|values?)|blood\s*work|blood\s+tests?|bloods|panel"
             r"|(?:results?|numbers|levels?)" + _REPORTED +
             r"|(?:total\s+|free\s+)?(?:enum|estradiol|lh|fsh|shbg|psa|hematocrit|hct|hgb|hemoglobin|prolactin|igfnum|tsh|cortisol|dht|ferritin|a1c"
             r"|t|tt|ft|test|testosterone|estrogen)" + _REPORTED + ")")

# Units of a lab concentration (not of a dose): "45 pg/ml", "280 ng/dl".
LAB_UNITS = r"\b\d+(?:[.,]\d+)?\s*(?:(?:pg|ng|miu)\s*/\s*ml|(?:ng|ug|mcg|mg)\s*/\s*dl|(?:nmol|pmol|mmol|iu|u)\s*/\s*l)\b"

# Product names that contain digits: the digits are part of the name, not a dose.
NUMBERED_NAMES = r"\b(?:mk|pt|cjc|igf|bpc|tb|rad|aod|lgd|ghrp|mt|mod\s*grf|gdf|sr|gw|yk|s)\s*-?\s*(?:677|2866|141|1295|1|i|157|500|140|9604|4033|2|6|8|1-29|9009|501516|11|4)\b|\b(?:t3|t4|e2|5-?ar|type\s*[12])\b"
