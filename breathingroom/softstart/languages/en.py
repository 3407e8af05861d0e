"""How a harsh start-up sounds in English, and the softer shape it is offered in.

Data only, read by :mod:`breathingroom.softstart.coach`, which says how the patterns are read:
regular expressions over the text in lower case, with curly apostrophes and quotes made straight;
a space stands for any run of spaces or line breaks; ``{name}`` for any entry of ``WORDS[name]``; a
contraction in ``CONTRACTIONS`` for any of its other spellings; ``(?P<flag>…)`` marks the words
pointed out (otherwise the whole match is); a pattern matches whole words only.

Most harsh start-ups are aimed at the other person, so most patterns start from "you": "I never
want to lose you" is not an absolute, "you never listen" is.
"""

from __future__ import annotations

# Every spelling a pattern's contraction also matches: the long form, and the ones people type in a hurry.
CONTRACTIONS = {
    "you": ["u"],
    "you're": ["you are", "youre", "ur", "u r", "your"],
    "you've": ["you have", "youve"],
    "you'd": ["you would", "you had", "youd"],
    "you'll": ["you will", "youll"],
    "i'm": ["i am", "im"],
    "i'll": ["i will"],
    "i'd": ["i would"],
    "we're": ["we are"],
    "it's": ["it is", "its"],
    "that's": ["that is", "thats"],
    "what's": ["what is", "whats"],
    "don't": ["do not", "dont"],
    "doesn't": ["does not", "doesnt"],
    "didn't": ["did not", "didnt"],
    "can't": ["cannot", "can not", "cant"],
    "won't": ["will not", "wont"],
    "couldn't": ["could not", "couldnt"],
    "wouldn't": ["would not", "wouldnt"],
    "shouldn't": ["should not", "shouldnt"],
    "going to": ["gonna"],
}

WORDS = {
    "you": ["you", "you're", "you've", "you'd", "you'll", "your"],
    "you_are": ["you're"],
    # The start of a sentence: the text's start, or just after a full stop, a question or a line.
    "start": [r"^", r"(?<=[.!?;:\n])", r"(?<=[.!?;:\n]\s)", r"(?<=[.!?;:\n]\s\s)"],
    "absolute": [
        "always",
        "constantly",
        "forever",
        "all the time",
        "every (?:single )?time",
        "each time",
        "again and again",
        "over and over",
        "nonstop",
    ],
    # "never" with a past tense unlike its participle: said gently as "didn't" and the present ("never
    # came" as "didn't come"), so the verb is pointed out with it.
    "never": [r"never (?:{past})", r"never,? (?:ever|once)", "never"],
    "past": [
        "came",
        "did",
        "went",
        "took",
        "gave",
        "saw",
        "forgot",
        "ate",
        "wrote",
        "spoke",
        "ran",
        "began",
        "drank",
        "knew",
        "grew",
        "threw",
        "drove",
        "broke",
        "chose",
        "stole",
        "woke",
        "wore",
        "fell",
        "shook",
        "forgave",
    ],
    # What makes "always" a compliment: "you always make me laugh".
    "kind": [
        "laugh",
        "smile",
        "happy",
        "happier",
        "safe",
        "loved",
        "love",
        "special",
        "calm",
        "better",
        "welcome",
        "at home",
        "beautiful",
        "good",
        "great",
        "proud",
        "kind",
        "sweet",
        "thoughtful",
        "patient",
        "generous",
        "gentle",
        "lovely",
        "funny",
        "wonderful",
        "supportive",
        "honest",
        "there for me",
        "there for us",
        "on my side",
        "know how to",
        "find a way",
        "cheer me up",
        "help me",
        "helps me",
        "helped me",
        "make time",
        "remember",
        "understand me",
        "get me",
        "have my back",
        "cared for",
        "seen",
        "heard",
        "loyal",
        "fair",
        "warm",
        "caring",
        "hug",
        "thank",
        "thanks",
        "cute",
        "amazing",
        "melt",
        "smart",
        "the best",
        "on my mind",
        "in my heart",
        "in my thoughts",
        "right words",
        "right thing",
        "what to say",
    ],
    # What makes "never" a compliment: "you never let me down".
    "unkind": [
        "let me down",
        "let us down",
        "fail",
        "failed",
        "give up",
        "gave up",
        "judge",
        "judged",
        "complain",
        "complained",
        "hurt",
        "lie",
        "lied",
        "stop",
        "forget",
        "have to",
        "need to",
        "had to",
        "bore",
        "boring",
        "rude",
        "unkind",
        "mean",
        "blame",
        "doubt",
        "cease to",
        "make me feel (?:small|stupid|alone|bad|silly)",
    ],
    # Words about the other person, not about what happened.
    "label": [
        (
            r"{you_are} (?:a|an|such a|such an|the|the most|the worst) (?:terrible|awful|horrible|bad|lousy|useless"
            r"|pathetic|rubbish|selfish|lazy|crap) (?:{someone}|listener|father|mother|dad|mum|mom|friend|cook|driver"
            r"|parent)\b"
        ),
        r"(?:i can't believe )?how (?:{label}) {you}(?: are| were| can be| have been)\b",
        "lazy",
        "selfish",
        "useless",
        "pathetic",
        "stupid",
        "dumb",
        "crazy",
        "insane",
        "psycho",
        "childish",
        "immature",
        "heartless",
        "cold",
        "cold-hearted",
        "clingy",
        "needy",
        "controlling",
        "narcissistic",
        "hysterical",
        "ridiculous",
        "irresponsible",
        "inconsiderate",
        "hopeless",
        "worthless",
        "disgusting",
        "mean",
        "cruel",
        "toxic",
        "manipulative",
        "spoiled",
        "spoilt",
        "unbelievable",
        "impossible",
        "annoying",
        "irritating",
        "exhausting",
        "unbearable",
        "insufferable",
        "infuriating",
        "rude",
        "nasty",
        "horrible",
        "awful",
        "terrible",
        "embarrassing",
        "paranoid",
        "dramatic",
        "overdramatic",
        "overreacting",
        "too sensitive",
        "oversensitive",
        "insensitive",
        "ungrateful",
        "careless",
        "clueless",
        "incompetent",
        "lame",
        "pitiful",
        "obsessed",
        "fake",
        "a mess",
        "a joke",
        "a disaster",
        "a nightmare",
        "the worst",
    ],
    # Names to call someone.
    "insult": [
        "idiot",
        "moron",
        "jerk",
        "loser",
        "liar",
        "slob",
        "psycho",
        "narcissist",
        "drama queen",
        "crybaby",
        "nag",
        "fool",
        "coward",
        "hypocrite",
        "monster",
        "brat",
        "pig",
        "bitch",
        "bastard",
        "asshole",
        "arsehole",
        "dick",
        "prick",
        "dumbass",
        "failure",
        "waste of space",
    ],
    # Who a label is pinned on: "the most selfish person I know".
    "someone": ["person", "man", "woman", "human being", "partner", "husband", "wife", "boyfriend", "girlfriend"],
    # Names that make a grown-up a child.
    "childish": ["baby", "child", "kid", "toddler", "teenager", "crybaby"],
    "intensifier": [
        "so",
        "such",
        "such an?",
        "an?",
        "being",
        "acting",
        "acting like an?",
        "like an?",
        "really",
        "just",
        "completely",
        "totally",
        "utterly",
        "a total",
        "a complete",
        "an absolute",
        "the most",
        "the biggest",
        "a real",
        "always",
        "truly",
        "seriously",
        "incredibly",
        "unbelievably",
        "very",
        "kind of",
        "basically",
        "literally",
        "nothing but an?",
        "pretty",
        "fucking",
        "bloody",
        "damn",
        "so damn",
        "such a fucking",
    ],
    # Phrases before "you" that make a statement a question or a maybe.
    "tentative": [
        "if",
        "whether",
        "maybe",
        "perhaps",
        "unless",
        "wonder if",
        "not that",
        "in case",
        "even if",
    ],
    "asking": ["do", "did", "does", "have", "has", "are", "were", "would", "will", "could", "can"],
    # "Poor you" is sympathy, unless it goes on like this.
    "mocking": ["having to", "with your", "it must be so hard", "so hard", "how awful for you"],
    # The rest of the sentence, for flags that take in the whole thought.
    "rest": [r"[^.!?;,\n]*"],
    "rest_of_sentence": [r"[^.!?;\n]*"],
    # What someone threatens to do.
    "leave": [
        "leave",
        "leave you",
        "go",
        "walk out",
        "move out",
        "break up",
        "end (?:this|it|things|us)",
        "be done",
        "be gone",
        "be out",
        "be through",
        "call (?:it quits|a lawyer)",
        "divorce you",
        "kick you out",
        "throw you out",
        "find someone else",
        "stop talking to you",
        "take the kids",
        "tell (?:everyone|your)",
        "done",
        "gone",
        "out",
        "through",
        "leaving",
        "moving out",
        "walking out",
        "out of here",
    ],
}

# Each rule's harsh patterns. The rules, their names and why each is pointed out are the coach's own.
HARSH = {
    "absolute": [
        (
            r"(?:it's|it is|everything's|everything is|it was|everything was) (?P<flag>always"
            r"|never)(?: (?!i\b)[\w']+){0,3}? (?:about|for|with) {you}\b"
        ),
        r"{you}(?: (?!i\b|i'|we\b|and\b|but\b)[\w']+){0,3}? (?P<flag>{never}|{absolute}|not (?:even )?once)\b",
        r"(?P<flag>not (?:even )?once (?:have|did|do) you)\b",
        r"(?P<flag>every (?:single )?time|each time)(?: [\w']+){0,6}?[\s,]+you\b",
        r"(?P<flag>not (?:even )?once)(?: [\w']+){0,3}? {you}",
        r"all {you} (?P<flag>ever) (?:do|say|think about|care about|talk about|want)",
        r"(?P<flag>nothing i (?:ever )?(?:do|say)(?: is)?(?: ever)? (?:good enough|right|enough))",
        r"(?P<flag>as usual|like always)",
        r"{you}\b[^.!?;\n]*?\b(?P<flag>for once)",
        r"(?P<flag>for once)\b[^.!?;\n]*?\byou\b",
    ],
    "accusing": [
        r"(?:can't|couldn't|won't) you\b[^.!?;\n]{0,30}\banything right\b",
        r"{you} (?:can't|never|don't)(?: [\w']+){0,2}? anything right\b",
        r"i'm (?:so )?(?:sick|tired|fed up) (?:of|with) (?:you|your)\b{rest}",
        r"{you_are} (?:suffocating|smothering|stifling|draining|killing|controlling) me\b",
        (
            r"(?:it's|this is|that's|it was|this was|that was|this is all|it's all) (?:all |totally |completely "
            r"|entirely )?your fault"
        ),
        r"your fault",
        (
            r"(?P<flag>{you}(?: (?:always|just|really|honestly|totally|even|do|constantly|keep))? (?:make|makes|made"
            r"|are making|keep making|have made)(?: me)(?: feel)?)(?: (?:so|really|very|such|feel|like))* (?!(?:{kind}"
            r"|so|really|very|such|feel|like)\b)[\w']+"
        ),
        r"because of you\b",
        (
            r"{you}(?: (?:have|'ve|just|totally|completely|always))? (?:ruined|ruin|destroyed|destroy|wrecked|wreck"
            r"|spoiled|spoil|screwed up|messed up)\b"
        ),
        r"what's (?:wrong with you|your problem|the matter with you|up with you)",
        r"how (?:could|can|dare) {you}\b",
        r"why (?:can't|won't|couldn't|wouldn't|didn't|would|must) you\b",
        r"why (?:do|are) you (?:always|never|even|keep|have to|so|being|acting|like this)\b",
        r"why is it (?:so hard|always|that you)\b",
        (
            r"{you}(?: just| really| even)? (?:don't|didn't|never|won't) (?:even |just |really )?(?:listen|help|try"
            r"|ask|notice|pay attention|call|text|show up|understand|respect|appreciate|bother|lift a finger|think"
            r"|apologi[sz]e|say sorry|get it|hear me)\b"
        ),
        r"{you}(?: always| just| constantly)? (?:ignore|ignored|are ignoring|keep ignoring) me\b",
        r"{you} (?:keep|kept) (?:ignoring|interrupting|forgetting|doing (?:this|that))\b",
        (
            r"{you} (?:interrupt|interrupted|dismiss|dismissed|blame|blamed|criticise|criticize|criticised|criticized"
            r"|yell at|yelled at|shout at|shouted at|embarrassed|humiliated|belittle|belittled) me\b"
        ),
        r"{you} should(?:n't)? have (?:[\w']+ed|told|said|known|done|been|gone|come|asked|thought|let)\b",
        r"{you} (?:need|have) to (?:stop|change|grow up|learn)\b",
        (
            r"{you}(?:'ve| have)? (?:made|make|makes) (?:it|this|things|everything|life|my life) (?:so |really |even "
            r"|much )?(?:hard|harder|difficult|worse|awkward|impossible|complicated|about you)\b"
        ),
        r"look (?:at )?what {you}(?:'ve)? (?:did|done|made|do)\b",
        r"{you} (?:started|start|caused) (?:it|this)\b",
        r"{you} did this\b",
        r"{you_are} the (?:reason|problem|one who)\b",
    ],
    "label": [
        (
            r"{you_are}(?: (?:{intensifier})){0,3} (?:{label}|{insult}|{childish})\b(?: (?:{someone})\b(?: i(?:'ve"
            r"| have)? (?:ever )?(?:know|known|met))?)?(?: to (?:talk to|live with|be with|deal with|please"
            r"|reason with))?(?: (?:right now|again|today|tonight|lately|sometimes))?"
        ),
        (
            r"you(?: (?:selfish|stupid|lazy|useless|pathetic|fucking|bloody|damn|little|big|absolute|complete|total"
            r"|utter)){0,2} (?:{insult})\b"
        ),
        (
            r"(?:such|what) an?(?: (?:total|complete|absolute|selfish|stupid|lazy|pathetic|big|little|fucking|bloody"
            r"|damn)){0,2} (?:{insult}|{childish})\b"
        ),
        r"(?:stop|quit) (?:being|acting)(?: (?:so|such|like))?(?: an?)? (?:{label}|{insult}|{childish})\b",
        r"don't be(?: so| such)?(?: an?)? (?:{label}|{insult}|{childish})\b",
        r"(?:stop|quit) (?:nagging|whining|moaning|overreacting|being dramatic|crying about)\b",
        r"(?:{insult})\b",
        (
            r"(?:that's|that was|how)(?: (?:so|really|just|incredibly|completely|totally|pretty))? (?:selfish|childish"
            r"|immature|pathetic|ridiculous|stupid|lazy|inconsiderate|irresponsible|disgusting|cruel|heartless)\b"
        ),
        r"(?:selfish|childish|immature|pathetic|stupid|lazy|inconsiderate|irresponsible|cruel|heartless) of you\b",
    ],
    "contempt": [
        r"are you (?:deaf|blind|stupid|dumb|thick|insane|mad|an idiot|a child|five)\b",
        r"{start}(?:unbelievable|pathetic|classic)(?=\s*[.!]+)",
        r"(?:nobody|no one|no-one) (?:could|can|would|will) (?:ever )?(?:live with|love|stand|put up with) you\b",
        r"{start}(?:just |oh )?shut (?:up|it|your mouth)\b",
        r"{start}fine,? (?:do|have it) (?:what|whatever|your way)(?: you (?:want|like))?",
        r"i don't care (?:anymore|any more)",
        r"well done,?(?= {you}(?:'ve| have)? (?:ruined|broken|done it|messed))",
        "🙄",
        "😒",
        r"🤦[\U0001F3FB-\U0001F3FF]?(?:\u200d[\u2640\u2642]\ufe0f?)?",
        r"🖕[\U0001F3FB-\U0001F3FF]?",
        r"\*\s*(?:rolls? (?:my |his |her )?eyes|eye ?roll(?:s|ing)?|sighs?|scoffs?|smirks?|snorts?)\s*\*",
        r"(?:rolls? (?:my |his |her )?eyes|eye ?roll(?:s|ing)?)",
        r"/s",
        r"yeah,? right",
        r"oh,? sure",
        r"sure,? whatever",
        r"whatever you say",
        r"whatever(?=\s*(?:[^\w\s]|$))",
        r"thanks (?:a lot |so much )?for nothing",
        r"thanks (?:a lot|so much|a bunch),?(?= {you}(?:'ve| have)? (?:made|ruined|broke|really|just)\b)",
        r"must be nice(?: to)?",
        r"(?:what a|big) surprise",
        r"how (?:convenient|typical)",
        r"how nice for you",
        r"poor (?:you|baby|thing|little you)[,!]? (?:{mocking})",
        r"boo[ -]?hoo",
        r"cry me a river",
        r"get over (?:it|yourself)",
        r"grow up",
        r"give me a break",
        r"are you (?:kidding|joking)(?: me)?",
        r"(?:seriously|really)(?:\?{2,}|!\?|\?!)",
        r"seriously\?(?= {you}\b)",
        r"duh",
        r"oh please",
        r"of course {you} (?:did|would|do|forgot|didn't|couldn't|won't|wouldn't|don't)\b",
        r"(?:nice|good|great) (?:going|job|one|work),? (?:genius|einstein|sherlock)",
        r"nice going",
        r",\s*(?:genius|einstein|sherlock|princess|your highness)\b",
        r"here we go again",
        r"(?:real|very|so|how) mature",
        r"typical(?: you| of you)?(?=\s*(?:[.!?…,]|$))",
        r"just wow",
        r"classic you",
        r"ri{3,}ght",
        r"su{3,}re",
        r"so{3,} (?:sorry|busy|important)",
        r"wo{3,}w",
        r"o+ka{3,}y",
        r"(?:sorry|excuse me) (?:for|that i) (?:living|breathing|existing|exist|being alive)",
        r"sorry i (?:exist|breathe)",
        r"well,? excuse me",
        r"oh,? (?:great|perfect|wonderful|brilliant|lovely|fantastic|joy)(?=[\s.!…]*$)",
        (
            r"oh,? (?:great|perfect|wonderful|brilliant|lovely|fantastic|joy)\b(?=[^.!?]*\b(?:again|another|as usual"
            r"|of course|late|forgot|forgotten)\b)"
        ),
        r"do you even (?:care|listen|try|love me|know me|remember)\b",
        r"are you even (?:listening|trying)\b",
        r"{you} (?:need|have|got) to (?:just )?calm down",
        r"{start}(?:just |oh,? |please,? )?calm down",
        r"go ahead,? (?:ignore|walk away|leave)",
        r"{start}like {you}(?:'d| would) (?:ever )?(?:remember|care|notice|know|listen|help|bother)\b",
    ],
    "mind_reading": [
        r"{you} (?:just|only|secretly) (?:want|wanted|wanna|care|cared|think|thought|like|liked|need|needed)\b{rest}",
        (
            r"{you} (?:obviously|clearly) (?:don't|do not|didn't|never|couldn't|can't|wanted|want|think|prefer"
            r"|care more)\b{rest}"
        ),
        (
            r"(?:obviously|clearly),? you (?:don't|do not|didn't|never|couldn't|can't|wanted|want|think|prefer"
            r"|care more)\b{rest}"
        ),
        (
            r"{you} (?:don't|didn't|never|couldn't) (?:even |really |actually )?(?:care|cared)(?=\s*(?:[.!?,;…]|$)"
            r"| (?:about|at all|if|whether|that|how|what|for me|for us|anymore|any more))\b{rest}"
        ),
        r"{you} couldn't care less\b{rest}",
        r"{you} don't give a (?:damn|shit|crap|toss|fuck)\b{rest}",
        r"{you} (?:did|do|said|say|does) (?:it|that|this|these things) on purpose\b{rest}",
        r"{you_are} (?:doing|saying) (?:it|that|this) on purpose\b{rest}",
        r"on purpose to (?:hurt|annoy|upset|punish|get at)\b{rest}",
        (
            r"{you_are} (?:just |only |deliberately )?trying to (?:hurt|punish|control|upset|annoy|make me|get back at"
            r"|manipulate|provoke|get a rise)\b{rest}"
        ),
        (
            r"{you} (?:want|wanted|wanna) me to (?:fail|suffer|feel bad|feel guilty|be miserable|be unhappy|leave"
            r"|look bad|look stupid|give up)\b{rest}"
        ),
        (
            r"{you} (?:think|thought) (?:you're|you|i'm) (?:always |so )?(?:better|stupid|an idiot|dumb|perfect|right"
            r"|smarter|superior|clever|smart|special|important|funny)\b{rest}"
        ),
        (
            r"i know (?:exactly )?(?:what you're (?:thinking|doing|up to)|you (?:don't|never|hate|think|just|only"
            r"|secretly|want|wanted|wish)\b){rest}"
        ),
        r"{you} (?:love|like|enjoy) (?:making|seeing|watching|it when) (?:me|i)\b{rest}",
        r"{you}(?:'d| would) rather (?:be|spend|have|go|stay|talk|hang out|watch|play)\b{rest}",
        r"{you} (?:don't|didn't|never) (?:really |even |actually )?(?:love|loved|want|wanted) me\b{rest}",
        (
            r"{you} (?:don't|didn't|never) (?:really |even )?(?:want|wanted) to (?:be with me|spend time with me"
            r"|see me|talk to me|hear (?:it|me)|listen|try|change|fix (?:it|this|us))\b{rest}"
        ),
        r"all {you} (?:ever )?(?:care|think) about is\b{rest}",
        r"{you} (?:hate|hated) me\b{rest}",
        r"{you} only (?:call|text|talk to|ring|touch|kiss|notice|help|come to) me when\b{rest}",
    ],
    "threat": [
        r"if {you}(?: [\w']+){0,8}? (?:again|one more time|ever again)[\s,]+(?:then )?(?:i|we)\b{rest_of_sentence}",
        (
            r"if {you} ever(?: [\w']+){1,8}?[\s,]+(?:then )?(?:i|we)(?:'ll|'m|'re| will| am| are)?(?: (?:going to"
            r"|just))? (?:{leave}|swear)\b{rest_of_sentence}"
        ),
        (
            r"if {you} (?:don't|won't|can't|refuse to|keep)(?: [\w']+){0,8}?[\s,]+(?:then )?(?:i|we)(?:'ll|'m|'re"
            r"| will| am| are)?(?: (?:going to|just|simply))? (?:{leave})\b{rest_of_sentence}"
        ),
        (
            r"(?:either {you}[^.!?;\n]*? )?(?:or|otherwise)[\s,]+(?:else|i'm (?:done|leaving|gone|out|through"
            r"|moving out)|i'll (?:leave|go|be gone|walk|move out|end)|we're (?:done|through|over|finished))\b"
        ),
        r"(?:your|the) (?:last|final) (?:chance|warning)",
        r"(?:final|last) warning",
        r"(?:that's|this is) the last straw",
        (
            r"(?:i'm )?(?:so |seriously |really |totally )?(?:done|through|finished) with (?:you|us|this relationship"
            r"|this marriage|it all|all of this|this(?=\s*(?:[.!?…]|$)))"
        ),
        r"we're (?:done|through|over|finished)(?=\s*(?:[.!?…]|$))",
        r"it's over between us",
        r"i'm (?:leaving|divorcing|dumping) you",
        r"i(?:'ll| will)?(?: going to)? (?:leave|divorce|dump) you",
        r"i want a divorce",
        r"i'm (?:moving|walking) out\b",
        r"i'm calling (?:it quits|a lawyer)",
        r"{you}(?:'d| had)? better (?:not|stop|watch|listen|start|shape up|fix|change|be there|be home)\b{rest}",
        r"{you}(?:'ll| will) (?:regret|be sorry|pay for)\b{rest}",
        r"{you_are} going to (?:regret|be sorry|pay for)\b{rest}",
        r"don't make me (?:say|tell|ask|do|come|repeat)\b{rest}",
        r"don't you dare\b{rest}",
        r"one more (?:time|word|thing)[,\s]+(?:and|then) (?:i|we)\b{rest_of_sentence}",
        (
            r"(?:keep|carry on)(?: (?:this|that|it) up| doing (?:this|that|it))[,\s]+(?:and|then) (?:i"
            r"|we)\b{rest_of_sentence}"
        ),
        r"if {you} walk out(?: that| the)? door\b{rest_of_sentence}",
        r"don't (?:bother|ever) (?:coming|come) back",
        r"don't expect me to be (?:here|there|around|waiting)\b{rest}",
        r"pack your (?:bags|things|stuff)",
        r"{start}get out(?: of (?:my|this|the) (?:house|home|flat|apartment|life))?(?=\s*(?:[.!]|$))",
        r"i swear,? if {you}\b{rest_of_sentence}",
    ],
}

# Words that make a match gentle after all: a harsh match that overlaps one of these is not pointed out.
UNLESS = {
    "absolute": [
        r"{you}(?: [\w']+){0,3}? (?:{absolute})\b[^.!?;,\n]{0,60}?\b(?:{kind})\b",
        r"(?:every (?:single )?time|each time)\b[^.!?;\n]{0,60}?\b(?:{kind})\b",
        r"thank(?:s| you)(?: so much)? for (?:always|never|every time|all the time)",
        r"{you}(?: [\w']+){0,3}? never (?:once )?(?:{unkind})\b",
        r"(?:{tentative}) you\b",
        r"{start}(?:{asking}) you(?: [\w']+){0,2}? (?:always|ever|every time|never)\b",
    ],
    "accusing": [
        r"(?:not|never|[\w]+n't)(?: [\w']+){0,2}? your fault",
        r"because of you\b[^.!?;\n]{0,60}?\b(?:{kind})\b",
        r"how (?:could|can) you (?:be )?so (?:{kind})",
        r"(?:{tentative}|since|that) you\b",
        r"(?:when|whenever)\b[^.!?;\n]{0,60}\b{you}\b",
        r"{start}(?:{asking}) you\b",
    ],
    "label": [
        r"crazy (?:good|talented|smart|fun|cute|beautiful|lucky|fast|strong|about)",
        (
            r"(?:i'm|i was|i've been|i feel like|i felt like|i'm being|call me|i can be|i've been such"
            r"|me,? the)(?: such)?(?: an?)?(?: (?:total|complete|absolute|big|little))? (?:{insult}|{childish})\b"
        ),
        r"(?:not|never|no)(?: being)?(?: such)?(?: an?)? (?:{insult}|{label})\b",
        r"(?:this|that|the) (?:pig|dick|fool|monster|kid|child|baby|failure)\b",
        r"(?:{tentative}) (?:you're|you are) (?:\w+ )?(?:{label})",
    ],
    "contempt": [],
    "mind_reading": [
        (
            r"{you} (?:just |only |really )?(?:want|wanted|need|needed) (?:the best|what's best|to help|good things"
            r"|me to be happy|us to be happy|to be happy|some quiet|a rest|a break)\b"
        ),
        r"i know you\b[^.!?;,\n]*\b(?:the best|what's best|to help|happy|love|care)\b",
        r"{you} (?:love|like|enjoy) (?:making|seeing|watching|it when) (?:me|i)\b[^.!?;,\n]{0,30}\b(?:{kind})\b",
        r"(?:{tentative}) you\b",
        r"{start}(?:{asking}) you\b",
    ],
    "threat": [],
}

# --- The softer shape -------------------------------------------------------------------------------

SHAPE = "When {when}, I feel {feel}, I need {need}; would you {ask}?"
# Between two things that happened, in the "When …" part.
AND_WHEN = " and when "
# A part of the shape the person's words do not fill yet, for them to fill.
BLANK = "…"

# Where the person's own words already say a part of the shape. ``part`` is what goes into it.
PARTS = {
    "feel": [
        r"\bi (?:feel|felt|am feeling|'m feeling|was feeling|'ve been feeling|have been feeling) (?!like\b|that\b"
        r"|as if\b|as though\b)(?:so |really |very |just |a bit |quite )?(?P<part>[^.!?;,\n]+)",
        r"\bi(?:'m| am| was) (?:so |really |very |just |a bit |quite |feeling )?(?P<part>(?:tired|hurt|sad|lonely"
        r"|alone|angry|upset|scared|afraid|anxious|worried|frustrated|overwhelmed|exhausted|disappointed|embarrassed"
        r"|ashamed|fed up|stressed|confused|jealous|insecure|unloved|invisible|ignored|unheard|unseen|drained"
        r"|heartbroken|nervous|annoyed|furious|sick of)\b[^.!?;,\n]*)",
    ],
    # "I wish" leads to a need only where what follows reads after "I need" ("I wish for …", "I wish to
    # …", "I wish we had …"); "I'd love to …" is not made a need, so the person's "love" is kept.
    "need": [
        r"\bi(?: (?:really )?(?:need|needed|want|wanted|would like|wish for|wish(?= to\b)|wish we had)"
        r"|'d (?:really )?like) (?!to talk to you\b)(?P<part>[^.!?;,\n]+)",
    ],
    "ask": [
        r"\bi (?:really )?wish you (?:would|could) (?P<part>[^.!?;\n]+)",
        r"\b(?:would|could|can|will) you (?P<part>[^.!?;\n]+)",
        r"\bplease,? (?P<part>[^.!?;,\n]+)",
    ],
}
# "You don't X", once gentler, asks for X.
ASK_FROM = [r"\byou (?:don't|didn't) (?:even )?(?P<part>[^.!?;,\n]+)"]
LONGEST_ASK = 8  # words: a longer thought is left for the person to turn into a request

# How an absolute reads in the softer shape: "" leaves it out. "never" is said by its place below.
GENTLER = {
    "always": "",
    "constantly": "",
    "forever": "",
    "all the time": "",
    "every time": "",
    "every single time": "",
    "each time": "",
    "again and again": "",
    "over and over": "",
    "nonstop": "",
    "as usual": "",
    "like always": "",
    "for once": "",
    "ever": "",
    "not once": "not",
    "not even once": "not",
    "not once have you": "you haven't",
    "not even once have you": "you haven't",
    "not once did you": "you didn't",
    "not even once did you": "you didn't",
    "not once do you": "you don't",
    "not even once do you": "you don't",
}
# "never" after these is "not" ("you're never home": "you're not home").
# How "never" begins an absolute flagged with it (with the verb after it, or a second "ever").
NEVER = r"never,? ?(?:ever|once)?"
NEVER_AFTER = {
    "you're",
    "are",
    "were",
    "was",
    "is",
    "be",
    "been",
    "you've",
    "have",
    "has",
    "had",
    "you'll",
    "will",
    "you'd",
    "would",
    "could",
    "can",
    "should",
    "might",
}
NEVER_NOT = "not"
# "never" before a past tense with its participle alike ("never called"): "haven't called".
NEVER_PAST = "haven't"
NEVER_PAST_ALIKE = (
    r"[\w]+ed|said|told|made|got|thought|left|bought|brought|heard|felt|kept|sent|paid|found|held|lost|meant|met|spent"
    r"|taught|understood|won|sold|built|caught|had|put|let"
)
# "never came": "didn't come".
NEVER_PAST_OTHER = "didn't"
PRESENT_OF = {
    "came": "come",
    "did": "do",
    "went": "go",
    "took": "take",
    "gave": "give",
    "saw": "see",
    "forgot": "forget",
    "ate": "eat",
    "wrote": "write",
    "spoke": "speak",
    "ran": "run",
    "began": "begin",
    "drank": "drink",
    "knew": "know",
    "grew": "grow",
    "threw": "throw",
    "drove": "drive",
    "broke": "break",
    "chose": "choose",
    "stole": "steal",
    "woke": "wake",
    "wore": "wear",
    "fell": "fall",
    "shook": "shake",
    "forgave": "forgive",
}
NEVER_OTHERWISE = "don't"

# How accusing words are put in the softer shape; those not listed stay as they are.
REWORD = [
    (
        (
            r"{you}(?: (?:always|just|really|honestly|totally|even|do|constantly|keep))? (?:make|makes|made|are making"
            r"|keep making|have made) me(?: feel)?"
        ),
        "I feel",
    ),
    (r"how (?:could|can|dare) {you}", "you"),
    (r"why (?:can't|won't|couldn't|wouldn't|didn't) you", "you didn't"),
    (r"why (?:would|must|do|are) you", "you"),
    (r"{you} should have", "you hadn't"),
    (r"{you} shouldn't have", "you had"),
    (r"must be nice(?: to)?", "you"),
    (r"poor (?:you|baby|thing|little you)[,!]? having to", "you have to"),
    (
        (
            r".*\b(?:fault|wrong with you|your problem|matter with you|up with you|because of you|look at what you"
            r"|look what you|why is it)\b.*"
        ),
        "",
    ),
]

# Words at the start of a thought that the shape's own "When" makes unneeded.
LEAD_WORDS = {
    "when",
    "if",
    "whenever",
    "and",
    "but",
    "so",
    "because",
    "well",
    "oh",
    "honestly",
    "okay",
    "ok",
    "yeah",
    "wow",
    "seriously",
    "then",
    "also",
    "just",
    "um",
    "uh",
    "ugh",
}

# Words written with a capital wherever they stand.
ALWAYS_CAPITAL = {"i", "i'm", "i've", "i'd", "i'll"}

# Words that carry no content of their own: a thought made only of these is left out of the shape,
# and the shape may say them its own way.
FUNCTION_WORDS = {
    *LEAD_WORDS,
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "it's",
    "its",
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "me",
    "my",
    "mine",
    "myself",
    "you",
    "you're",
    "you've",
    "you'd",
    "you'll",
    "your",
    "yours",
    "yourself",
    "u",
    "ur",
    "we",
    "we're",
    "us",
    "our",
    "he",
    "she",
    "him",
    "her",
    "his",
    "they",
    "them",
    "their",
    "is",
    "am",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "don't",
    "doesn't",
    "didn't",
    "have",
    "has",
    "had",
    "haven't",
    "will",
    "would",
    "could",
    "should",
    "can",
    "can't",
    "won't",
    "wouldn't",
    "couldn't",
    "shouldn't",
    "might",
    "must",
    "not",
    "no",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "about",
    "as",
    "by",
    "from",
    "up",
    "out",
    "over",
    "if",
    "or",
    "than",
    "too",
    "very",
    "really",
    "all",
    "any",
    "some",
    "what",
    "who",
    "why",
    "how",
    "there",
    "here",
    "feel",
    "felt",
    "need",
    "needed",
    "want",
    "wanted",
    "wish",
    "like",
    "please",
    "let's",
    "even",
    "ever",
    "only",
    "again",
    "still",
    "yet",
    "now",
    "so",
    "just",
    "quite",
    "bit",
    "feeling",
}
