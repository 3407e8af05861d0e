"""What the demo couple writes: their reassurances, notes, tries, repair answers, journal lines and kind words.

Maya reaches for closeness when things go wrong; Theo steps back to settle. Each list below is what
one of them might write, so the history reads like two people rather than one voice. These are the
couple's own words, made up for the demo and kept in English: the app's own text is translated
elsewhere, a person's words never are.
"""

from __future__ import annotations

REACH = "reach"
SETTLE = "settle"

# What each would like to hear when the other steps away (the agreement's own words).
AGREEMENT_WORDS = {
    REACH: "Tell me when you'll be back, and that we're still okay.",
    SETTLE: "Give me the time I asked for. I will come back, I promise.",
}

REASSURANCES: dict[str, tuple[str, ...]] = {
    REACH: (
        "I need a little while to calm down. I'm not going anywhere.",
        "Taking twenty minutes so I can talk instead of push. Back soon.",
        "I'm upset, not leaving. See you at the time I chose.",
        "Going for a short walk to breathe. I love you.",
        "I want to talk about this properly, so I'm pausing first.",
    ),
    SETTLE: (
        "I'm flooded and need some quiet. I'll be back at the time I chose.",
        "Stepping out to settle. We're okay, and I want to hear you when I'm back.",
        "I'm going to the other room for a bit. I'm coming back to you.",
        "Need time to think before I answer. This matters to me.",
        "Taking a break so I don't say something I'll regret. Back soon.",
        "I'm not shutting you out, I just need to breathe first.",
        "Going for a run to clear my head. I'll come back and listen.",
    ),
}

EXTENSION_REASSURANCES: dict[str, tuple[str, ...]] = {
    REACH: (
        "A bit more time, please. I'm nearly there.",
        "Still a little shaky. Fifteen more minutes and I'll come back.",
    ),
    SETTLE: (
        "I need a little longer. I'm still coming back.",
        "Not ready yet, but getting there. Thank you for waiting.",
        "A few more minutes so I can come back calmer.",
        "I'm okay, just slower than I hoped. I'll be there.",
    ),
}

PREPARATION: dict[str, dict[str, tuple[str, ...]]] = {
    REACH: {
        "felt": (
            "Panicky when the door closed, then sad.",
            "Alone, even though he was only in the next room.",
            "Angry at first. Underneath it, scared that he doesn't care.",
        ),
        "need": (
            "To hear that we're okay before we talk about the rest.",
            "For him to ask me how it was to wait.",
            "A hug first, then the talk.",
        ),
        "my_part": (
            "I kept asking when he had already said he needed a minute.",
            "I raised my voice and listed everything at once.",
            "I followed him into the kitchen.",
        ),
    },
    SETTLE: {
        "felt": (
            "Overwhelmed. Everything got loud very fast.",
            "Like nothing I said would be right.",
            "Tired and a bit ashamed of walking out.",
        ),
        "need": (
            "To talk about one thing at a time.",
            "To be asked, not told.",
            "A slower pace and a softer start.",
        ),
        "my_part": (
            "I went quiet instead of saying I was overwhelmed.",
            "I answered with facts when she wanted to be heard.",
            "I rolled my eyes. That was unkind.",
        ),
    },
}

NEXT_TRIES: dict[str, tuple[str, ...]] = {
    REACH: (
        "Say what I need instead of what he did wrong.",
        "Wait for the time we agreed before messaging.",
        "Start with one sentence, not the whole list.",
        "Ask for a hug when I feel far away.",
        "Notice my chest getting tight and name it.",
        "Use the signal phrase before it gets loud.",
    ),
    SETTLE: (
        "Say 'I need a break' before I go silent.",
        "Tell her when I'll be back, every time.",
        "Come back five minutes early and say so.",
        "Repeat back what she said before I answer.",
        "Say one kind thing before I walk away.",
        "Notice when I'm getting flooded and say it out loud.",
    ),
}

# Own words now and then, beside the listed keys: a list offers words, it never decides.
OWN_TRIGGERS: dict[str, tuple[str, ...]] = {
    REACH: (
        "He said 'fine' and went back to his phone",
        "Plans for the weekend changed without asking me",
        "The message I sent at lunch was never answered",
    ),
    SETTLE: (
        "Being asked why three times in a row",
        "Coming home to a list of what I forgot",
        "The conversation started the moment I walked in",
    ),
}
OWN_FEELINGS: dict[str, tuple[str, ...]] = {
    REACH: ("Invisible", "Like I was too much", "Panicky"),
    SETTLE: ("Cornered", "Like a failure", "Frozen"),
}
OWN_FEARS: dict[str, tuple[str, ...]] = {
    REACH: ("That we are drifting into flatmates", "That he'd rather be anywhere else"),
    SETTLE: ("That I'd say something I can't take back", "That nothing I do will ever be enough"),
}
OWN_NEEDS: dict[str, tuple[str, ...]] = {
    REACH: ("To know he still wants to be close", "Five minutes of full attention"),
    SETTLE: ("Quiet before questions", "To be trusted to come back"),
}

# The repair conversation, by part: what each says at each step.
REPAIR: dict[str, dict[str, tuple[str, ...]]] = {
    REACH: {
        "felt": (
            "I felt alone and scared, and it came out as anger.",
            "I felt shut out, and underneath that, unimportant.",
            "I felt frantic. I wanted you to turn towards me.",
        ),
        "saw": (
            "I saw you pick up your phone while I was talking, and I thought you'd stopped caring.",
            "I asked a question, you didn't answer, and I kept asking louder.",
        ),
        "summary_of_partner": (
            "You were getting overwhelmed and leaving was the only way you knew to stop it getting worse.",
            "You felt criticised, and going quiet was how you tried to protect us.",
        ),
        "makes_sense": (
            "It makes sense that you needed space when everything came at once.",
            "It makes sense you went quiet if every word felt like it would be the wrong one.",
        ),
        "past": (
            "At home, when people went quiet it meant they were leaving. That's why silence hits me so hard.",
            "I used to wait for someone who didn't come back. It's old, but it shows up here.",
        ),
        "my_part": (
            "I followed you when you asked for a minute.",
            "I started with a complaint instead of what I needed.",
        ),
        "regret": (
            "I'm sorry for raising my voice.",
            "I regret saying you never listen. It isn't true.",
        ),
        "apology": ("I'm sorry I pushed so hard. I want you to feel safe with me too.",),
        "acceptance": ("Thank you. I accept your apology.", "I hear you. Thank you for saying it."),
        "plan": (
            "Next time I'll say 'I'm feeling far from you' and then wait.",
            "I'll ask for a break myself when I notice I'm chasing.",
        ),
    },
    SETTLE: {
        "felt": (
            "I felt overwhelmed and like I was failing you.",
            "I felt cornered, and underneath that, ashamed.",
            "I felt frozen. I couldn't find any words.",
        ),
        "saw": (
            "I saw a lot of questions at once and I couldn't keep up, so I stepped back.",
            "I heard criticism, and I stopped hearing what you needed.",
        ),
        "summary_of_partner": (
            "You felt alone when I left, and you kept reaching because you were scared of losing me.",
            "You needed to know we were okay, and my silence told you the opposite.",
        ),
        "makes_sense": (
            "It makes sense you followed me if it felt like I was leaving.",
            "It makes sense you got louder when I stopped answering.",
        ),
        "past": (
            "Growing up, arguments only got worse if you stayed. Leaving was how I kept safe.",
            "When I was criticised as a kid, going quiet was the only thing that worked.",
        ),
        "my_part": (
            "I went silent without saying when I'd be back.",
            "I answered the facts and ignored how you felt.",
        ),
        "regret": (
            "I regret walking away without a word.",
            "I'm sorry I picked up my phone. It looked like I didn't care.",
        ),
        "apology": ("I'm sorry I left you alone with it. I do want to be close.",),
        "acceptance": ("Thank you. That means a lot.", "I accept it. Thank you for understanding."),
        "plan": (
            "Next time I'll say how long I need before I go.",
            "I'll tell you I'm getting flooded while I can still speak.",
        ),
    },
}

BODY_NOTES: dict[str, tuple[str, ...]] = {
    REACH: (
        "Chest tight since the argument.",
        "Walking helped a bit.",
        "Breathing slower now.",
        "Couldn't sit still.",
        "Calmer after a cup of tea.",
        "Noticed it before it got big this time.",
    ),
    SETTLE: (
        "Shoulders up near my ears again.",
        "Felt far away from everything.",
        "A run helped.",
        "Jaw clenched all afternoon.",
        "Quiet evening, body feels easy.",
        "Heart racing when the voices got loud.",
    ),
}

# A journal entry is a few of these lines; some entries answer a prompt of the journal's own.
JOURNAL: dict[str, dict[str, tuple[str, ...]]] = {
    REACH: {
        "hard": (
            "Another evening where I ended up chasing him from room to room.",
            "I hate the moment the door closes. Everything in me says go after him.",
            "I know he comes back. My body doesn't seem to know it yet.",
            "I wrote a long message and didn't send it. Good.",
            "I said 'you always' again. I want to stop doing that.",
            "Waiting is the hardest part. I made tea and watched the clock.",
        ),
        "everyday": (
            "Ordinary day. Work, dinner, a walk.",
            "We cooked together and it was easy.",
            "Tired tonight but not upset.",
            "Rang my sister. Felt good to laugh.",
            "I noticed I was looking for signs that he's annoyed. He wasn't.",
        ),
        "good": (
            "He came back when he said he would. I'm starting to trust that.",
            "We talked about it without anyone raising their voice.",
            "I asked for a hug instead of an explanation. It worked.",
            "Saturday morning in bed with coffee. This is what I want more of.",
            "I told him what I needed in one sentence. He heard it.",
        ),
    },
    SETTLE: {
        "hard": (
            "I left again. I did say when I'd be back this time.",
            "It went from zero to loud so fast I couldn't think.",
            "I could feel her watching the door the whole time.",
            "I went quiet and I know that hurts her.",
        ),
        "everyday": (
            "Long day at work. Needed an hour to myself before talking.",
            "Quiet evening. Read a book.",
            "Went climbing. Head is clearer.",
            "Nothing much to say today, and that's fine.",
        ),
        "good": (
            "I told her I was getting flooded before it was too late.",
            "Came back early and said so. She smiled.",
            "We had the hard conversation and it was okay.",
            "I repeated back what she said. It slowed everything down.",
        ),
    },
}

# A few prompts of the journal, with what each might answer; a key no longer offered is skipped.
PROMPTED: dict[str, dict[str, str]] = {
    REACH: {
        "attachment_coming_back": "When he says the time and then shows up at it. Every time he does, it gets easier.",
        "body_right_now": "Tight chest, hot face. Slowing my breathing, counting to four.",
        "accountability_my_part": "I kept talking when he had already asked for a minute.",
        "closeness_asking_gently": "'Could we sit together for a bit?' instead of 'why are you ignoring me'.",
    },
    SETTLE: {
        "accountability_my_part": "I went quiet without telling her why. That leaves her guessing.",
        "body_before_leaving": "Buzzing arms, racing heart. That's the moment to say I need a break.",
        "closeness_time_apart": "Time apart lets me come back as myself. I want her to know it isn't about her.",
        "body_settles": "A walk, then water, then sitting by the window for a while.",
    },
}

APPRECIATIONS: dict[str, tuple[str, ...]] = {
    REACH: (
        "Thank you for coming back exactly when you said.",
        "I loved our walk today.",
        "Thanks for making dinner when I was wiped out.",
        "You said you were getting flooded before you left. That helped so much.",
        "Thank you for listening last night.",
        "I noticed you put your phone away. Thank you.",
    ),
    SETTLE: (
        "Thank you for giving me the time I asked for.",
        "You didn't follow me this time. I noticed, and it helped.",
        "Thanks for the tea this morning.",
        "I liked how you started the conversation, gently.",
        "Thank you for waiting while I found my words.",
        "I love laughing with you.",
    ),
}
OKAY_WORDS = ("", "", "Still us.", "We're okay. See you tonight.")
