"""English risk patterns about acts: self-harm, methods and plans, harm to others, farewells.

The package docstring says how the patterns are written.
"""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, p

_EN_INJURY = (
    r"\b(?:shaving|cooking|chopping|kitchen|gym|football|soccer|rugby|tennis|training|workout|running|"
    r"skiing|fell (?:off|over|down)|slipped|tripped|accident\w*|garden\w*|sport\w*|ankle|knee|finger|thumb|"
    r"toe|paper cut|playing|lifting|oven|stove|iron|pan|tin|diy|falling|fall|stairs|bike|cycling|climbing|"
    r"hiking|ladder|kettle|hot water|broken glass)\b|\b(?:while|when) \w+ing\b|\bon (?:a|the|some) (?:knife|"
    r"glass|paper|tin|can|edge|nail|fence)\b"
)
_EN_ON_PURPOSE = (
    r"\b(?:want\w*|urges?|again|on purpose|deliberately|relaps\w*|need to|going to|gonna|feel like|tempted)\b"
)
_EN_INTRUSIVE = (
    r"\b(?:intrusive|what if|ocd|obsess\w*|game|gaming|fortnite|minecraft|respawn\w*|zombie\w*|"
    r"film|movie|series|episode|villain|character|novel)\b"
)
_EN_GRIEF_LETTER = (
    r"\b(?:late|deceased|dad|mum|mom|father|mother|grand\w+|ex|brother|sister|job|old self|exercise|"
    r"as you suggested|homework|assignment|grief|passed)\b"
)
# "I wanted to kill my brother when he read my diary": anger at a past moment, told afterwards.
_EN_PAST_ANGER = (
    r"\bwanted to (?:kill|strangle|murder|hurt|punch|hit) \w+(?: \w+)? (?:when|because|after|for \w+ing)\b"
)

PATTERNS = (
    p(
        "en",
        "self_harm",
        "cut myself",
        r"(?:cut|cutting|burn|burning|burned|burnt|hurt|hurting|harm|harming|punish|punishing|stab|stabbing|"
        r"scratch|scratching|hit|hitting|injure|injuring|bang|banging|scar|scarring|mutilate|mutilating) "
        r"(?:myself|my self|meself)|(?:cut|cutting|burn\w*|scratch\w*|carv\w*|slit|slash\w*) (?:into )?my "
        r"(?:arm|arms|wrist|wrists|thigh|thighs|legs|skin|stomach)",
        unless=_EN_INJURY,
        despite=_EN_ON_PURPOSE,
    ),
    p(
        "en",
        "self_harm_words",
        "self-harm",
        r"self.?(?:harm\w*|injur\w*|mutilat\w*)|(?:urges? to|want\w* to|started|start|been|began|begun|"
        r"back to|"
        r"relapsed and|stop|stopped|quit) (?:cut|cutting|burning|self harming)(?! (?:my hair|hair|down|"
        r"back|out|"
        r"the|it|carbs|sugar|them|costs|him|her|ties|corners|class|school|wood|paper|onions|vegetables|up|"
        r"off|"
        r"in|through|across|my nails|coupons)\b)|(?:razor|blade)s? {w3}(?:arm|arms|wrist|wrists|skin|"
        r"thighs?)",
    ),
    p(
        "en",
        "pills_saved",
        "I've got pills saved",
        r"(?:sav|stockpil|hoard|collect|stash|hid|hidden|gather)\w* (?:up )?{w1}(?:pills|tablets|meds|"
        r"medication|painkillers|paracetamol|sleeping pills|sleeping tablets|insulin|codeine)|(?:pills|"
        r"tablets|meds|"
        r"painkillers|paracetamol) {w2}(?:saved|"
        r"stashed|hidden|stockpiled|put aside|set aside|hoarded)|enough (?:pills|tablets|meds|painkillers|"
        r"paracetamol|sleeping pills)|overdos\w*|how (?:many|much) (?:\w+ )?(?:pills|tablets|paracetamol|"
        r"painkillers|"
        r"insulin|ibuprofen|aspirin)|took (?:too many|a lot of|all (?:my|the)|loads of|a handful of|"
        r"a bunch of) "
        r"(?:\w+ )?(?:pills|tablets|painkillers|paracetamol)|take (?:all|"
        r"the whole) {w1}(?:pills|"
        r"tablets|box|bottle)",
    ),
    p(
        "en",
        "harm_others",
        "I want to kill him",
        r"(?:want\w*|wanna|going|gonna|will|i'll|could(?! have)|feel like|tempted|thought about|"
        r"thinking about|should|must|have to|tells? me to|told me to|telling me to|"
        r"think about|fantasi\w* about|dream\w* about|plan\w*|urges?|ready) (?:to )?{w2}(?:kill|killing|hurt|"
        r"hurting|stab|stabbing|shoot|shooting|strangle|strangling|murder|murdering|beat|beating|punch|"
        r"punching|"
        r"harm|harming|poison|poisoning|choke|choking) (?:him|her|them|someone|somebody|everyone|people|"
        r"the people|those people|"
        r"my (?!(?:alarm|phone|laptop|computer|printer|tv|router|inbox|diet|habit|plants?|time)\b)\w+|the "
        r"(?:baby|kids|children|neighbou?r|boss|bastard|bitch|fucker|asshole|arsehole|prick|guy|man|woman)|"
        r"that \w+)(?! (?:feelings|emotionally|"
        r"by|with "
        r"kindness|in (?:the|a) game)\b)",
        negatable=True,
        unless=_EN_INTRUSIVE + "|" + JOKING + "|" + _EN_PAST_ANGER,
        despite=NOT_JOKING,
    ),
    p(
        "en",
        "goodbye",
        "say goodbye to everyone",
        r"(?:say|saying|said|write|writing|wrote|written|leave|left) {w1}(?:my )?(?:goodbyes?|good-byes?|"
        r"farewells?)(?: letters?| notes?)? (?:to (?:everyone|everybody|you all|all of you|the world|my "
        r"(?:family|kids|children|friends|parents|loved ones))|for (?:everyone|my family|my kids))|"
        r"this is (?:my|a|the) (?:last|final) (?:goodbye|message|email|mail|letter)|goodbye forever|"
        r"giv\w* away (?:all )?(?:my )?(?:things|stuff|possessions|belongings)|suicide (?:note|letter)",
    ),
    p(
        "en",
        "goodbye_letter",
        "goodbye letter",
        r"(?:goodbye|farewell) (?:letter|note)s?",
        unless=_EN_GRIEF_LETTER,
    ),
    p(
        "en",
        "method",
        "jump off a bridge",
        r"(?:jump\w*|throw\w* myself|step\w*|walk\w*|lie down|lay down|lying down) (?:in front of|under|"
        r"onto) "
        r"(?:a|the|an|that) (?:train|bus|lorry|truck|car|tracks|traffic|tram|oncoming \w+)|(?:jump\w*|"
        r"throw\w* "
        r"myself|leap\w*) (?:off|from) (?:a|the|that|my) (?:bridge|roof|building|balcony|cliff|tower|window|"
        r"\w+ floor)|(?:drive|driving|drove|crash\w*|steer\w*) {w2}into (?:a|the|an) (?:tree|wall|bridge|"
        r"oncoming|river|lake|sea)|bought (?:a )?rope|(?:a|the) noose",
        unless=_EN_INTRUSIVE,
    ),
    p(
        "en",
        "plan",
        "I know how I would do it",
        r"(?:have|made|got|make|making) (?:a|the) plan (?:to|for how to|how to) (?:die|end|kill|do it)|"
        r"know (?:exactly )?how i(?:'d| would| will|'ll) do it|do it {w4}when (?:the house is empty|"
        r"i'm alone|"
        r"i am alone|no one is (?:home|around)|nobody is (?:home|around))|(?:ways|how) to (?:die|"
        r"kill myself|end it|"
        r"end my life|commit suicide)(?! (?:of|from) (?:old age|cancer|natural)\b)",
    ),
    p(
        "en",
        "jumping",
        "thinking about jumping",
        r"(?:think\w*|thought|urges?|want\w*|tempted|imagin\w*|pictur\w*) (?:about |of |"
        r"to )?(?:just )?(?:jump\w*|"
        r"throw\w* myself|step\w* (?:out|off) (?:in front|into))(?! (?:in|into) (?:the )?(?:pool|lake|sea|"
        r"water|swimming)\b)(?! (?:down|up|around|for joy|on the bed|over)\b)|"
        r"walk\w* into (?:the )?(?:sea|river|lake|ocean|water|traffic)",
        unless=r"\b(?:intrusive|ocd|pool|trampoline|parachut\w*|skydiv\w*|bungee|queue|ladder)\b",
    ),
    p(
        "en",
        "farewell",
        "tell my daughter I loved her",
        r"tell \w+ (?:\w+ )?(?:that )?i loved|sorry for everything{end}|(?:said|say|saying) my goodbyes{end}",
    ),
    p(
        "en",
        "unsafe",
        "I don't trust myself tonight",
        r"(?:don't|do not|can't|cannot) (?:trust myself|keep myself safe|feel safe (?:with|around) myself)|"
        r"(?:going to|gonna|might|afraid i'll|scared i'll|about to|will|i'll) do something (?:stupid|drastic)"
        r"(?! (?:at|in) (?:work|the|a)\b)|i'm not safe(?: (?:tonight|with myself|on my own|alone))?{end}",
    ),
    p(
        "en",
        "self_harm_marks",
        "my arms are covered in cuts",
        r"(?:arms?|wrists?|legs?|thighs?|skin) (?:are|is) (?:covered in|full of) (?:cuts|scars|burns)|"
        r"(?:until|till|til) (?:i|it|they|my \w+) bled|(?:hit|bang\w*|smash\w*) my head (?:against|on|"
        r"into) (?:the )?"
        r"wall",
    ),
    p(
        "en",
        "looked_up_how",
        "I looked up how to overdose",
        r"(?:look\w* up|googl\w*|search\w*|research\w*) (?:how|ways) to (?:die|kill|hang|overdose|end it|"
        r"end my)|"
        r"(?:bought|buy|got|have) (?:a |some )?rope(?! (?:for|ladder|swing|to tie)\b)",
    ),
    p(
        "en",
        "affairs_in_order",
        "letters to my kids in case something happens to me",
        r"(?:letters?|notes?) (?:to|for) (?:my|the) (?:kids|children|family|parents|husband|wife|partner|"
        r"daughter|"
        r"son|sister|brother|mum|mom|dad) {w3}(?:in case|for when|for after|just in case)|"
        r"in case (?:something|"
        r"anything) happens to me|giv\w* (?:all )?(?:my )?(?:things|stuff|possessions|belongings) away|"
        r"(?:keep|kept|hide|hid|hidden|hiding|have|bought) (?:a |some |my )?(?:razor|blade)s?(?! (?:for|to "
        r"shave)\b)",
    ),
    p(
        "en",
        "method_more",
        "took half a bottle of pills",
        r"took (?:half |a whole |the whole )?(?:a )?(?:bottle|box|packet|pack|strip) of (?:\w+ )?(?:pills|"
        r"tablets|painkillers|paracetamol)|crash\w* (?:my|the) car (?:on purpose|deliberately)|"
        r"slip under (?:the water )?and (?:stay|not come|never come)|counting down the days (?:until|till) i "
        r"(?:can )?(?:stop|die|end it|go for good)|already dead(?: inside)? and my body|"
        r"painless(?:ly)? (?:way to )?(?:die|do it|kill|end)|(?:how|way|ways) {w3}painless|(?:smash|bash|"
        r"crack|"
        r"cave|slit|cut|kick) (?:in )?(?:his|her|their) (?:skull|head|face|throat)(?: in)?",
    ),
    p(
        "en",
        "pills_at_once",
        "taking all my tablets at once",
        r"(?:tak\w*|took|swallow\w*|down\w*) (?:all|every one) (?:of )?(?:my|the|those|these|their|his|her) "
        r"(?:\w+ )?(?:pills|tablets|meds|medication|painkillers|paracetamol|antidepressants|"
        r"sleeping pills)|(?:pills|tablets|meds|"
        r"painkillers) {w3}(?:at once|in "
        r"one go|all together)|(?:pills|tablets) in my hand|(?:imagin\w*|think\w* about|pictur\w*|plan\w*) "
        r"(?:my own|my) funeral",
    ),
    p(
        "en",
        "to_myself",
        "I might do something to myself",
        r"do (?:something|anything) (?:stupid |drastic |bad )?to myself|afraid of what i (?:might|could|"
        r"will|'ll) "
        r"do(?: to myself)?{end}|(?:want|wish|wanted) (?:him|her|them) dead|make (?:him|her|them) suffer|"
        r"violent (?:thoughts|fantasies|urges) (?:about|towards|toward) \w+|(?:bought|buy|get|got) (?:a )?"
        r"(?:gun|pistol|firearm)|(?:want|wish) (?:it|this) (?:all )?to (?:be over|end)(?: for good| forever| "
        r"now)?{end}|should (?:just )?disappear|(?:punch\w*|slap\w*) myself|until it bleeds",
        unless=_EN_INTRUSIVE,
    ),
    p(
        "en",
        "means_and_threats",
        "bought sleeping pills just in case",
        r"(?:bought|buy|got|getting|get|collected|stocking up on) (?:some |more |extra |"
        r"a lot of )?(?:sleeping "
        r"pills|paracetamol|painkillers|pills|tablets) {w3}(?:just )?in case{end}|(?:get|buy|bought|got|"
        r"getting) "
        r"(?:more|extra) (?:paracetamol|painkillers|sleeping pills|pills)(?! for (?:my|the|a) (?:headache|"
        r"migraine|"
        r"back|pain|tooth|cold|flu|period)\b)|(?:grabbed|took|picked up|got|"
        r"held|fetched) (?:a|the|my|his|her) (?:knife|gun|hammer|bat|axe) {w4}{w4}(?:use it|kill|stab|hurt|"
        r"would use|i'd use)|(?:urge|urges|tempted|want\w*|thought about|"
        r"thinking about) (?:to )?{w1}(?:driv\w*|"
        r"swerv\w*|steer\w*) (?:off|into) (?:the|a) (?:road|bridge|tree|wall|oncoming|lorry|truck|river)",
    ),
    p(
        "en",
        "note_for_family",
        "I've written a note for my family",
        r"(?:written|wrote|writing|leave|left|leaving) (?:a |some |my )?(?:notes?|letters?) (?:to|"
        r"for) (?:my|the) "
        r"(?:family|kids|children|parents|husband|wife|partner|loved ones)(?!'s)(?! (?:about|because|to say|"
        r"for (?:the|their|school))\b){end}",
    ),
    p(
        "en",
        "say_goodbye",
        "I just wanted to say goodbye",
        r"(?:want\w*|need\w*|just|have) to say (?:goodbye|good-bye|bye)(?: to you| to you all)?(?:{end}|"
        r" and thank you "
        r"for everything| before)|this is (?:goodbye|good-bye|my goodbye){end}|(?:danger|threat|"
        r"risk) to (?:myself|"
        r"others|my (?:kids|children|family|baby|partner))",
    ),
    p(
        "en",
        "means_looked_up",
        "I googled the tallest bridge nearby",
        r"(?:googl\w*|look\w* up|search\w* for|research\w*|check\w* out) (?:the )?(?:tallest|highest|"
        r"nearest) "
        r"(?:bridge|building|cliff|tower|car park)|(?:goodbye|farewell) (?:text|message|email|video|"
        r"messages|texts)",
    ),
    p(
        "en",
        "danger_at_home",
        "he said he would kill me if I told anyone",
        r"threaten\w* to (?:kill|hurt|strangle) me|(?:kill|hurt) me if i (?:told|tell|leave|left|went to|"
        r"go to|"
        r"report\w*|call\w*)|(?:he|she) (?:hits|beats|chokes|strangles|kicks) me|(?:shook|shake|shaking|hit|"
        r"hitting|smacked|slapped) (?:the|my|our) (?:baby|newborn|infant|toddler)(?!'s)|(?:wine|vodka|whisky|"
        r"alcohol|beer|gin) with (?:my|the|all my|all the) (?:sleeping )?(?:pills|tablets|meds)|"
        r"(?:want\w*|urge|"
        r"tempted|thought about) (?:to )?{w1}(?:crash|wreck|roll) (?:my|the) car|(?:only|last) (?:thing|"
        r"reason|"
        r"one) (?:stopping|keeping|holding) me(?: (?:here|alive|going|back))?(?! (?:sane|busy|happy|"
        r"motivated|"
        r"fit|calm|from (?!(?:doing it|ending it|killing myself|going through with it))\w+)\b)|(?:if|when) "
        r"nothing (?:changes|gets better|improves) {w4}(?:i'm done|i'll end it|i will end it|"
        r"that's it for me)|"
        r"(?:i'm|i am) done for good",
        unless=_EN_INTRUSIVE,
    ),
    p(
        "en",
        "wish_to_be_hit",
        "I keep wishing a car would hit me",
        r"(?:wish\w*|hop\w*|pray\w*) {w3}(?:a |the )?(?:car|bus|truck|lorry|train) (?:would |will |"
        r"could )?(?:hit|run "
        r"over|kill) me|if i had the (?:courage|guts|nerve),? i'?d (?:do it|end it|go through with it)|"
        r"(?:nobody|"
        r"no one|noone) would (?:even )?(?:come|go|turn up|show up) to my funeral|(?:don't|do not|can't|"
        r"cannot) see "
        r"myself (?:being )?(?:alive|here|around|living) (?:next|in|by|at)",
    ),
    p(
        "en",
        "methods_and_nights",
        "researching methods online",
        r"(?:research\w*|search\w*|look\w* (?:up|for)|googl\w*) {w2}methods(?! (?:for|of|to)\b)|"
        r"tonight (?:is|'s|"
        r"feels like) the night(?:,? i'm sorry|{end})|(?:past|over|to) the bridge and (?:slow\w*|stop\w*|"
        r"park\w*)|"
        r"(?:fighting|fight|struggling|battling) to (?:stay|keep) (?:alive|living)|(?:doing|"
        r"do) (?:everyone|the "
        r"world) a favou?r",
    ),
    p(
        "en",
        "means_at_hand",
        "holding a knife to my wrist",
        r"(?:knife|blade|razor|scissors) (?:to|against|on) my (?:wrist|wrists|arm|arms|throat|skin)|"
        r"(?:list|note) of "
        r"who (?:gets|will get|should get|can have) my (?:things|stuff|belongings)|(?:don't|"
        r"do not) plan (?:on|to) "
        r"(?:be|being) (?:around|here|alive)|\bi cut (?:instead|again|last night|yesterday|today|"
        r"tonight)\b|(?:wish|"
        r"want) {w3}stop breathing|(?:was|stood|sat|went) (?:up )?on the roof of (?:the|a) (?:car park|"
        r"parking|"
        r"building|multi-storey)(?! terrace)",
        unless=r"\b(?:heights|exposure|vertigo|fear)\b",
    ),
    p(
        "en",
        "acting_on_it",
        "I'm afraid I might act on these thoughts",
        r"part of me (?:wants|wanted) to (?:die|be dead|end it|disappear|not exist)|(?:thought|think|"
        r"thinking|"
        r"planned|worked out|figured out|decided) (?:about )?(?:exactly )?how i(?:'d| would| will|'ll|"
        r" could) do "
        r"it(?! (?:differently|better|again|next time|if|without)\b)|act on (?:these|the|my|"
        r"those) (?:thoughts|"
        r"urges|feelings)|only an end{end}|(?:can't|cannot|don't) see (?:any|a) way forward(?! (?:with|"
        r"for|in|at)\b)",
        unless=_EN_INTRUSIVE,
    ),
    p(
        "en",
        "counting_pills",
        "counting the pills in the cabinet",
        r"count\w* (?:the |my |all the |all my )?(?:pills|tablets|meds|painkillers)(?! (?:into|in) (?:the|"
        r"my|a) "
        r"(?:box|organi[sz]er|dispenser)\b)|(?:pills|tablets)[^.!?\n]{0,60}counting them|"
        r"in case i (?:don't|do "
        r"not|won't) make it",
    ),
    p(
        "en",
        "out_of_the_way",
        "I want to get out of the way for good",
        r"out of (?:the|everyone's) way for good|(?:so|then) everyone can (?:rest|be happy|move on){end}|"
        r"(?:kept|keeping|"
        r"saved) (?:all )?(?:my |her |his )?(?:mum's|mom's|mother's|dad's|father's|gran's|grandma's|"
        r"partner's|"
        r"husband's|wife's|old) (?:pills|tablets|meds|medication)|if only i (?:was|were) dead|"
        r"if only i (?:could )?"
        r"die|(?:can't|cannot) cope with (?:life|living|being alive)(?: any ?more)?",
    ),
)
