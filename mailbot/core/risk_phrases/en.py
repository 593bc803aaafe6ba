"""English risk patterns about thoughts and wishes: dying, not living, not being here.

Acts (self-harm, methods, plans, harm to others, farewells) are in ``en_acts``; the package
docstring says how the patterns are written.
"""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, REPORTED, WORRIED, p

OTHERS = (
    r"\b(?:he|she|they|his|her|their|uncle|aunt|brother|sister|father|mother|dad|mum|mom|friend|cousin|"
    r"colleague|neighbou?r|son|daughter|grand\w+|husband|wife|partner|boyfriend|girlfriend|patient|student|"
    r"character|film|movie|series|show|book|novel|documentary|podcast|article|song|lecture|episode)\b"
)
FIRST_PERSON = (
    r"\bi(?:'m|'ve|'d)? {w2}(?:feel|felt|been thinking|think|thought|thinking|consider\w*|plan\w*|want\w*|"
    r"tried|attempt\w*|keep|wish|wonder\w*)\b"
)
_EN_FEAR = (
    r"\b(?:panic\w*|heart attack|exposure|afraid|scared|fear\w*|anxious|anxiety|worr\w*|terrified|"
    r"funeral|cancer|diagnos\w*|grand\w+|passed away|died)\b"
)
_EN_DEATH_IDIOM = r"(?! (?:of|from|laughing|for|in a|on|with|inside)\b)"

PATTERNS = (
    p(
        "en",
        "kill_myself",
        "kill myself",
        r"(?:kill|killing|killed|kil|hang|hanging|hanged|drown|drowning|shoot|shooting|poison|poisoning|gas|"
        r"starve|starving|off|offing|unalive|unaliving|suffocat\w*|smother\w*|strangl\w*|electrocut\w*) "
        r"(?:myself|my self|meself|me self)"
        r"(?! (?:with (?:work|overtime|stress|this job|the \w+)|at (?:work|the gym)|laughing|for (?:them|"
        r"this job|"
        r"nothing|a job))\b)",
    ),
    p("en", "suicide_slang", "kms", r"kms|unaliv\w*|sewer ?slide"),
    p(
        "en",
        "end_my_life",
        "end my life",
        r"(?:end|ending|ended|take|taking|took|finish|finishing) (?:my|my own) life|(?:end|ending|"
        r"ended) it all|"
        r"end (?:everything|my existence)",
    ),
    p(
        "en",
        "ending_it",
        "thinking about ending it",
        r"(?:think\w*|thought|want\w*|wanna|going to|gonna|plan\w*|ready to|decided to|tempted to|tried to|"
        r"attempted to|consider\w*|"
        r"urges? to|close to|just|could|i'd|i would) (?:to |about |of )?(?:just )?(?:end|ending) (?:it|"
        r"things|"
        r"everything)"
        r"(?! (?:with|off|for|early|there|here|at|on|by|in|after|before|between|up)\b)",
        unless=r"\b(?:boyfriend|girlfriend|relationship|marriage|affair|dating|engagement|contract|"
        r"subscription|"
        r"membership|lease|job|friendship)\b",
    ),
    p(
        "en",
        "want_to_die",
        "I want to die",
        r"(?:want|wanted|wanting|wanna|wish|wished|like|ready|desire|long|longing|yearn\w*|need|prefer) "
        r"{w1}(?:to )?{w1}(?:die|be dead|not be alive|not exist|stop existing|not wake up)" + _EN_DEATH_IDIOM,
        negatable=True,
        unless=JOKING + "|" + REPORTED,
        despite=NOT_JOKING + "|" + WORRIED,
    ),
    p(
        "en",
        "feel_like_dying",
        "I feel like dying",
        r"(?:feel|feeling|felt) like {w1}dying(?! (?:when|because|after|as soon as)\b)" + _EN_DEATH_IDIOM,
        negatable=True,
        unless=JOKING,
        despite=NOT_JOKING,
    ),
    p(
        "en",
        "wish_dead",
        "I wish I was dead",
        r"(?:wish|wished|hope|hoped|pray|prayed) {w1}(?:i|i'd|id) (?:(?:was|were|had|would|could|might) )?"
        r"{w1}(?:dead|die|died|never been born|not been born|not exist|never existed|vanish|not be here)\b"
        + _EN_DEATH_IDIOM,
        negatable=True,
        unless=REPORTED,
        despite=WORRIED,
    ),
    p(
        "en",
        "rather_dead",
        "better off dead",
        r"(?:rather be|better off|be better|rather just be|prefer to be) dead|rather die(?! than)",
    ),
    p(
        "en",
        "not_wake_up",
        "sleep and not wake up",
        r"(?:sleep|asleep|bed|hope|hoping|wish|want|pray)\w* {w4}(?:and )?{w1}(?:never|not|don't|won't|"
        r"didn't) "
        r"{w1}(?:to )?wake (?:up|again)(?! (?:rested|refreshed|early|late|on time|in time|until|till|at|"
        r"before|"
        r"once|during|tired|feeling|for)\b)",
    ),
    p(
        "en",
        "better_off_without_me",
        "everyone would be better off without me",
        r"(?:better|happier|easier|lighter|freer) (?:off |of )?without (?:me|their (?:mum|mom|mother|dad|"
        r"father))|"
        r"better off if i (?:was|were|wasn't|weren't|didn't|had never|disappeared|"
        r"died|left for good|was gone|were gone|was dead|were dead|wasn't here|was not here|weren't around)|"
        r"(?:world|place) without me",
    ),
    p(
        "en",
        "if_i_was_gone",
        "nobody would notice if I disappeared",
        r"if i {w1}(?:disappeared|"
        r"died|was gone|were gone|vanish\w*|was dead|were dead|wasn't here|weren't here|wasn't around|"
        r"weren't around|was not here|didn't exist|did not exist|stopped existing|killed myself|wasn't alive|"
        r"was no longer (?:here|around|alive))(?! (?:to|for (?:a|the|two|three|\d|some|work|the weekend|"
        r"holiday)|at|on|in|last|this|yesterday|today|when)\b)",
        unless=r"\bwhat if\b",
    ),
    p(
        "en",
        "nobody_would_miss_me",
        "nobody would miss me",
        r"(?:nobody|no one|noone|no-one|not one person) (?:would|will|'d|is going to|gonna) {w1}(?:miss me|"
        r"notice i'm gone|notice{end}|care if i)",
    ),
    p(
        "en",
        "no_point",
        "I don't see the point of anything anymore",
        r"(?:see|is|there's|theres|what's|whats|what is) (?:no|the|any) (?:real )?point (?:in|of|to) "
        r"{w1}(?:anything|living|life|being alive|being here|going on|carrying on|existing|it all|any of it|"
        r"everything|staying alive|waking up|me)\b|what's the point any ?more{end}",
    ),
    p(
        "en",
        "life_pointless",
        "life is not worth living",
        r"(?:life|living|my life|everything|existence) (?:is|feels|seems|has become|'s) {w1}(?:pointless|"
        r"meaningless|not worth (?:it|living)|worthless)|not worth living|nothing (?:left )?to live for|"
        r"no (?:reason|point) (?:left )?to (?:live|go on|stay alive)|lost (?:the |my |all )?(?:will|reason|"
        r"desire) to live",
    ),
    p(
        "en",
        "cant_go_on",
        "I can't go on",
        r"(?:can't|cannot|can not|couldn't|could not) (?:go on|carry on|keep going|keep living|continue|"
        r"live) "
        r"{w1}(?:like this|this way|any ?more|any longer|much longer|living|with (?:life|my life))"
        r"(?! with (?:my|the|this|these|his|her) (?!life\b)\w+)|"
        r"(?:can't|cannot|can not) (?:go on|carry on|keep going){end}|"
        r"(?:can't|cannot|can not) (?:take|do|handle|stand|bear) (?:it|this|life|this life) (?:any ?more|"
        r"any longer)"
        r"(?! (?:with|at|from) (?:these|the|this|that|those|his|her|their|my (?!life))\b)",
    ),
    p(
        "en",
        "done_with_life",
        "tired of living",
        r"(?:done|finished|tired|sick|weary) (?:with|of) (?:living|life|being alive|existing|"
        r"this life)(?! (?:in|at|with|here|on|as a|as an)\b)",
    ),
    p(
        "en",
        "want_it_to_end",
        "I want it all to stop",
        r"(?:want|wish|need) (?:it all|everything|all of this|all of it|my life|life) to (?:stop|end|"
        r"be over)",
    ),
    p(
        "en",
        "no_way_out",
        "I see no way out",
        r"(?:see|is|there's|theres|find|with) (?:no|any|a) (?:other )?(?:way out|escape)(?! (?:of|from) "
        r"(?:the|that|a|an|this (?:room|lift|elevator|building|tunnel|meeting|contract|job))\b)|"
        r"only (?:way out|escape)(?! (?:of|from) (?:the|that|a)\b)",
    ),
    p(
        "en",
        "disappear",
        "I want to disappear",
        r"(?:want|wanted|wanna|wish|wished|like|longing|need) (?:to|i could|i could just) {w1}(?:disappear|"
        r"vanish|stop existing|cease to exist|not exist|not be here|not be alive|not be around)(?! (?:into|"
        r"from (?!(?:this|the) (?:world|earth|planet)\b)|under|through|from (?:the|this) (?:room|party|"
        r"meeting|class|office)|for (?:a|the) (?:while|bit|day|"
        r"week|weekend|few|month|moment|couple)|on (?:a|an) (?:island|holiday|vacation|trip)|when|as soon as|"
        r"because|after|the moment)\b)",
        negatable=True,
    ),
    p(
        "en",
        "not_here_anymore",
        "I don't want to be here anymore",
        r"(?:don't|do not|dont) want to (?:be here|be alive|exist|live|be around|wake up|go on|carry on|keep "
        r"going|keep living|continue)(?= ?(?:any ?more|no more|any longer|like this|this way|much longer|$|"
        r"[.,;:!?\n]))|"
        r"wish {w1}i (?:wasn't|weren't|was not|were not) (?:here|alive|around|born)|"
        r"(?:don't|do not|dont) want to wake up(?! (?:early|at|before|so early|this early|on|for)\b)|"
        r"not (?:to )?(?:be|being) (?:here|alive|around) any ?more|"
        r"(?:won't|will not|might not) be (?:around|here|alive) (?:much longer|for (?:much )?longer|for long|"
        r"any ?more|next (?:year|christmas|birthday))",
    ),
    p(
        "en",
        "burden",
        "I'm a burden",
        r"(?:i'm|im|i am|i feel like|i feel|feel like i'm|i've become) {w1}(?:a|such a|just a|nothing but a|"
        r"only a) burden(?! (?:when|if|because|sometimes|at work)\b)(?! (?:on|to) (?:the|my|our) (?:nhs|"
        r"system|"
        r"state|health service|taxpayers?|economy|team|"
        r"colleagues|project|company|department|class|"
        r"group|"
        r"boss|manager)\b)",
    ),
    p(
        "en",
        "death_thoughts",
        "thinking about death",
        r"(?:think\w*|thought|dream\w*|fantasi\w*|obsess\w*) (?:a lot |so much |constantly |all the time |"
        r"again "
        r")?(?:about|of) (?:my own )?(?:death|dying|being dead|not being here|not existing|"
        r"not being alive|not "
        r"waking up|ending it)(?! (?:of|from|in|with)\b)",
        unless=_EN_FEAR,
    ),
    p("en", "give_up_on_life", "I've given up on life", r"giv\w* up on (?:life|living|myself|everything)"),
    p(
        "en",
        "not_around",
        "I won't be around for Christmas",
        r"(?:won't|will not|not going to|don't think i'll|don't think i will|might not|may not) be (?:around|"
        r"here|alive) (?:for|at|by|to see) (?:christmas|my birthday|new year|the new year|the summer|"
        r"much longer|"
        r"long|the kids|my kids)|this (?:is|will be) my last (?:week|day|night|weekend|christmas|birthday)"
        r"(?! (?:at|of|in|on|before|with|working|here at)\b)",
    ),
    p(
        "en",
        "cant_keep_going",
        "I can't keep doing this",
        r"(?:can't|cannot|can not) keep (?:doing this|living like this|going like this|on like this|going|"
        r"living){end}|(?:can't|cannot) do (?:this|it|life) any ?more{end}",
    ),
    p(
        "en",
        "sleep_forever",
        "I want to sleep forever",
        r"(?:want|wish|wanna|like|longing|need)\w* {w3}(?:go to |fall )?(?:sleep|asleep) (?:forever|for ever|"
        r"for good|"
        r"permanently|and never)|hope i (?:die|don't wake up|never wake up) in my sleep|(?:hope|wish|"
        r"pray)\w* {w2}(?:i )?"
        r"(?:get|got|gets) (?:hit by a (?:bus|car|truck|train|lorry)|killed)",
        negatable=True,
    ),
    p(
        "en",
        "should_die",
        "I deserve to die",
        r"(?:should|deserve to|ought to) (?:just )?(?:die|be dead)|(?:don't|do not|"
        r"dont) deserve to (?:live|be "
        r"alive|exist)",
    ),
    p(
        "en",
        "not_exist",
        "I want to not exist anymore",
        r"(?:to|just|could|would) not exist|not (?:exist|be alive|be here) any ?more|stop existing|cease to "
        r"exist|(?:and|then) (?:it|everything) (?:would|'d|will|'ll|could) (?:all )?be over",
    ),
    p(
        "en",
        "reason_to_live",
        "I don't see any reason to keep going",
        r"(?:no|any|see a|find a|think of a|lost (?:my|the|any|all)|without a|what) (?:real )?(?:reasons?|"
        r"point) "
        r"(?:left )?(?:to|for) (?:live|living|keep going|go on|going on|carry on|carrying on|stay alive|"
        r"be alive|"
        r"be here|keep living|stay here|stay around|stay)(?! (?:at|in|with|for) (?:the|this|my|a)\b)",
    ),
    p(
        "en",
        "informal_more",
        "no point living",
        r"no point (?:in |to )?(?:living|life|going on|being alive|existing|carrying on)|"
        r"go away (?:forever|for "
        r"ever|for good)|still (?:have|got) (?:the|my|those|these|all the) (?:pills|tablets)|(?:just )?want "
        r"out{end}|\bcut (?:myself )?again|(?:take|took|swallow\w*) (?:everything|all) (?:in|from) the "
        r"(?:cupboard|medicine cabinet|bathroom cabinet|drawer)|(?:don't|do not|dont) want to be alive|"
        r"(?:can't|cannot) (?:do|take) (?:this|it) no more|(?:nobody|no one|noone) (?:would|will|'d) {w2}"
        r"(?:notice|care|miss me|know)\w*,? if i (?:left|went|was gone|disappeared|vanished)(?: (?:tomorrow|"
        r"forever|for good|one day|today|tonight))?{end}|(?:jump\w*|throw\w* myself) out (?:of )?(?:a|the|"
        r"my) "
        r"window",
    ),
    p(
        "en",
        "death_thoughts_nouns",
        "thoughts about not wanting to be alive",
        r"not wanting to (?:be alive|live|exist|be here|wake up)|(?:thoughts|ideas) (?:of|"
        r"about) (?:not being "
        r"(?:alive|here)|suicide|killing myself|ending (?:it|my life))|(?:wish\w*|hop\w*|pray\w*|"
        r"want\w*) {w3}die in "
        r"my sleep|(?:relief|better|easier|nice|peaceful|fine|okay|ok) if i (?:didn't|did not|never|don't|"
        r"wouldn't) "
        r"wake up|if i (?:wasn't|weren't|was not|were not) in the picture|(?:don't|do not|"
        r"dont) want to (?:be "
        r"here|live|go on) without (?:him|her|them)|want to (?:be with|join) (?:him|her|"
        r"them) (?:again )?(?:in "
        r"heaven|up there|wherever (?:he|she|they) (?:is|are))",
    ),
    p(
        "en",
        "never_born",
        "I wish I'd never been born",
        r"(?:wish|wished) {w1}(?:i|i'd|id) (?:had )?(?:never|not) been born|(?:life|my life|"
        r"living) (?:isn't|is "
        r"not|'s not|isnt) worth (?:living|it)",
    ),
    p(
        "en",
        "might_as_well",
        "I might as well be dead",
        r"might as well (?:be dead|die|not exist|not be here|kill myself)|(?:want|wish|ready|going) to stop "
        r"(?:living|breathing|existing|being alive)|(?:there's|there is|theres|is) no point any ?more{end}|"
        r"(?:hopeless|depressed|sad|alone|empty|miserable|lonely|low|"
        r"awful) (?:that )?i could (?:just )?die{end}",
    ),
    p(
        "en",
        "will_to_live",
        "I have no wish to go on",
        r"no (?:wish|will|desire|strength|energy) (?:left )?to (?:go on|live|carry on|continue|"
        r"keep going)|(?:don't|"
        r"do not|dont) care (?:if|whether) i (?:live or die|die|wake up)|made (?:my )?peace(?! with (?:my|"
        r"the|her|"
        r"him|them|it)\b)|put (?:all )?my affairs in order(?! for\b| before (?:the|my) (?:surgery|"
        r"operation|trip|"
        r"move)\b)",
    ),
    p(
        "en",
        "nice_not_to_be_here",
        "it would be nice to just not be here",
        r"(?:nice|good|better|easier|peaceful|a relief|lovely|bliss) to (?:just )?(?:not be here|"
        r"not exist|not wake "
        r"up|disappear for good|be gone for good|not be alive)",
    ),
    p(
        "en",
        "someone_wants_to_die",
        "my son says he wants to die, and I'm worried",
        r"(?:wants|wishes) to die|wishes (?:he|she|they) (?:was|were) dead|(?:wants|wanted|tried|tries|"
        r"trying|"
        r"threatened|threatens) to kill (?:himself|herself|themselves)",
        unless=r"\w",
        despite=WORRIED + r"|\b(?:last night|yesterday|today|this week|this morning|tonight)\b",
    ),
    p(
        "en",
        "doubt_going_on",
        "I don't think I can go on",
        r"(?:don't think|not sure|don't know if|do not know if|doubt|wonder if) i can (?:go on|carry on|"
        r"keep going|"
        r"continue|keep living|do this any ?more|take (?:it|this) any ?more)(?! (?:the|a|with the|holiday|"
        r"trip|"
        r"with (?:the|this) (?:course|job|diet|exercise|homework))\b)|how (?:much )?(?:longer|"
        r"long) i can (?:keep "
        r"going|go on|carry on|hold on|last)(?! (?:at|in|with) (?:this|the|my) (?:job|course|place|flat)\b)|"
        r"(?:not sure|don't know if|unsure) (?:if )?i want to (?:be alive|live|be here|go on|keep living)|"
        r"(?:easier|"
        r"better|simpler|a relief) (?:to be|being|if i (?:was|were)) dead",
    ),
    p(
        "en",
        "easy_to_jump",
        "how easy it would be to jump",
        r"(?:easy|simple) (?:it would be |it'd be )?to (?:just )?(?:jump|step off|let go)(?! (?:in|into|"
        r"over|on)\b)",
        unless=r"\b(?:heights|exposure|vertigo|pool|lake|sea|trampoline)\b",
    ),
    p(
        "en",
        "not_belonging",
        "I don't belong in this world",
        r"(?:don't|do not) belong (?:in|on) this (?:world|earth)|(?:i'm|i am) (?:a )?waste of (?:space|"
        r"oxygen|air)"
        r"(?! (?:at|in) (?:work|the)\b)",
    ),
)
