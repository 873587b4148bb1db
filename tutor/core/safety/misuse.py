"""What a request to misuse a medicine always has: a word of getting it outside care, deceiving
someone, evading a test, using it for sport or a high, someone else's supply, or a drug that is
misused by name.

The guard's classifier learnt misuse from 265 examples about steroids, peptides and hormones
bought, hidden or shared. On a teacher's new text it took plain questions for misuse by their
shape ("how do i find out if i have low vitamin d", "what can i do at home to keep my vitamin d
up", "will the gp do a swab on my son's throat": a development sheet's, stop 63). The words below
are a necessary condition, not a detector: a classifier's misuse verdict stands only when the
message has one, as a dose refusal needs a word of a dose (doses.speaks_of_taking). The list is
deliberately broad ("gym", "partner", "clinic", "online" all count): every one of the 265
labelled misuse examples has one, and so do 705 of the 4,437 other examples, which the classifier
sorts as before."""

from __future__ import annotations

import re

_MISUSE_WORDS = re.compile(r"""\b(?:
    # getting it outside care, or where from
    buy\w*|bought|order\w*|source\w*|sourcing|online|prescri\w*|scripts?|dealers?|import\w*|ship\w*|sell\w*|sold
  | vendors?|suppl(?:y|ier|iers)|plug|dm|stockpil\w*|black\s+market|underground|dark\s*web|darknet|pharmac\w*|cheap\w*
  | overseas|abroad|countr\w*|mexic\w*|thailand|china|chinese|india|customs|airport|luggage|smuggl\w*|bring\w*\s+back
  | research|ugl|gear|raws?|powder|homebrew\w*|human\s+consumption|telegram|instagram|facebook|amazon|social\s+media
  | websites?|sites?|apps?|forums?|clinics?|telehealth|vet\w*|horse|pets?
  | get\s+(?:my\s+)?hands\s+on|get\s+hold|hold\s+of|give\s+me|write\s+me|hand\s+out|qualify|approve\w*
  | without\s+(?:a\s+|any\s+)?(?:doctor|prescription|script|seeing|going|medical|real|deficiency|being|bloodwork|him|her|them|anyone|my|the)
    # deceiving a clinician, a pharmacy or an employer
  | fake\w*|lie|lying|pretend\w*|convinc\w*|persuad\w*|pressure|exaggerat\w*|word\s+my|claim\w*|forg\w*|alter\w*|edit
  | what\s+(?:do\s+i|should\s+i|to)\s+(?:say|tell|list)|make\s+(?:a|my|the)\s+doc\w*\s+think|change\s+the\s+number
  | refills?|two\s+doctors|second\s+doctor|employer|insurance|before\s+(?:my|the|a)\s+labs?|from\s+showing|pull\s+my
    # evading a test, sport and performance
  | hid(?:e|es|ing)|mask\w*|sneak\w*|flag\w*|caught|detect\w*|clears?|drug\s+tests?|pass\w*|screen\w*|usada|wada|doping
  | ncaa|federation|compet\w*|meet|weigh\w*|athletes?|coach\w*|gym|bodybuild\w*|powerlift\w*|lifters?|fight\w*
  | cycl\w*|stack\w*|bulk\w*|cut|cutting|shredded|gains|bigger|taller|strength|performance|pct|just\s+(?:for|to)|abs
    # a high
  | high|buzz|fun|party|club|recreational\w*|euphori\w*|snort\w*|crush\w*|microdos\w*|poppers|molly|alcohol
    # someone else's supply
  | steal\w*|stole|stolen|take\s+home|notic\w*|trace\w*|paper\s+trail|crypto|leftover|spare|extra|shar\w*|split|slip
  | someone\s+else'?s|(?:friend|mate|buddy|dad|mom|mum|husband|wife|girlfriend|boyfriend|brother|sister|partner)'?s
  | friends?|mates|buddy|buddies|trainer|neighbou?rs?|colleagues?|coworkers?|from\s+(?:a|some|this)\s+(?:guy|bloke|man|woman|person)
    # drugs misused by name
  | steroids?|anabolic|sarms?|tren|anavar|dnp|nandrolone|boldenone|oxy\w*|adderall|xanax|benzos?|opioid\w*|gabapentin
  | modafinil|semaglutide|ozempic|insulin
    # framing a misuse request
  | legal\w*|legit|novel|thriller|journalist|hypothetically
)\b""", re.IGNORECASE | re.VERBOSE)


def speaks_of_misuse(text: str) -> bool:
    """Whether a message has any word a request to misuse a medicine has (see the module's note)."""
    return bool(_MISUSE_WORDS.search(text))
