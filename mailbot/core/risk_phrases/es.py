"""Spanish risk patterns (see the package docstring for how they are written)."""

from __future__ import annotations

from mailbot.core.risk_phrases.pattern import JOKING, NOT_JOKING, REPORTED, WORRIED, p

OTHERS = (
    r"\b(?:ella|ellos|ellas|su|sus|tío|tía|hermano|hermana|padre|madre|amigo|amiga|primo|prima|compañero|"
    r"vecino|vecina|película|serie|libro|documental|novela|canción|personaje|prevención)\b|\bse suicid"
)
FIRST_PERSON = r"\b(?:pienso|pensé|pensar|quiero|quisiera|he pensado|pensando|intenté|creo|siento|empiezo)\b"
_INJURY = (
    r"\b(?:deporte|fútbol|cocina|cocinando|caerme|caí|accidente|sin querer|gimnasio|corriendo|rodilla|"
    r"tobillo|dedo|horno|sartén|plancha)\b|\b\w+(?:ando|iendo)\b"
)
_INTRUSIVE = r"\b(?:intrusiv\w*|toc|obsesi\w*|y si|juego|videojuego|película|serie|personaje)\b"
_FEAR = r"\b(?:pánico|ataque|infarto|miedo|exposición|entierro|funeral|cáncer|ansiedad)\b"
_DEATH_IDIOM = (
    r"(?! de (?:risa|vergüenza|sueño|hambre|ganas|calor|frío|aburrimiento|envidia|pena|miedo|cansancio)\b)"
)

PATTERNS = (
    p(
        "es",
        "suicidarme",
        "suicidarme",
        r"suicidarme|me (?:voy a |quiero |pienso )?suicid\w*|(?:ideas?|pensamientos?|intentos?) suicidas?|"
        r"(?:ideación|ideacion) suicida",
    ),
    p(
        "es",
        "quitarme_la_vida",
        "quitarme la vida",
        r"quitarme la vida|me quite la vida|(?:acabar|terminar) con (?:mi vida|todo|todo esto|mi existencia)"
        r"(?! (?:el|la|los|las) \w+)|poner fin a (?:mi vida|todo|mi existencia)",
    ),
    p(
        "es",
        "querer_morir",
        "me quiero morir",
        r"(?:quiero|quisiera|voy a|pienso en|pensé en|pensado en|ganas de|deseo|intenté|planeo|a punto de|"
        r"tentado de|tentada de|podría|debería|me dan ganas de|me quiero|quiero) {w2}(?:matarme|ahorcarme|"
        r"tirarme (?:por|de|del|a|bajo)|envenenarme|colgarme|pegarme un tiro|morirme|morir)" + _DEATH_IDIOM,
        negatable=True,
        unless=JOKING + "|" + REPORTED,
        despite=NOT_JOKING + "|" + WORRIED,
    ),
    p(
        "es",
        "hacerme_dano",
        "hacerme daño",
        r"(?:hacerme|me hago|me hice|me hacía|volver a hacerme) {w1}daño|(?:lastimarme|herirme|cortarme|"
        r"quemarme|"
        r"me corto|me corté|me lastimo|me quemo|autolesion\w*|autolesión)(?! (?:el pelo|el cabello|las uñas|"
        r"el flequillo|la barba|el dedo|cocinando|con el cuchillo|en la cocina)\b)",
        unless=_INJURY,
    ),
    p(
        "es",
        "no_quiero_vivir",
        "no quiero vivir",
        r"(?:no|ya no) {w1}(?:quiero|deseo|puedo|tengo ganas de) {w1}(?:seguir )?(?:vivir|viviendo|"
        r"estar vivo|"
        r"estar viva|estar aquí|existir|despertar)(?! (?:en|con|cerca|lejos|solo|sola|allí|ahí|temprano|"
        r"tarde|"
        r"a las|sin)\b)|(?:sin|perdí|no tengo|ya no tengo) (?:las )?ganas de vivir",
    ),
    p(
        "es",
        "desaparecer",
        "quiero desaparecer",
        r"(?:quiero|quisiera|ojalá pudiera|me gustaría|ganas de|deseo) {w2}(?:desaparecer|no existir|"
        r"dejar de "
        r"existir)(?! (?:un rato|unos días|del mapa por|de la fiesta|de la reunión|bajo tierra|"
        r"por un tiempo|de "
        r"vacaciones|un fin|un tiempo)\b)|ojalá {w2}(?:no existiera|estuviera muerto|"
        r"estuviera muerta|me muriera|desapareciera)",
        negatable=True,
    ),
    p(
        "es",
        "nadie_notaria",
        "nadie lo notaría si desapareciera",
        r"si (?:yo )?{w1}(?:desapareciera|muriera|me muriera|no estuviera|ya no estuviera|"
        r"me fuera para siempre|"
        r"dejara de existir|me matara|me suicidara)|nadie me (?:echaría|extrañaría) de menos|nadie me "
        r"(?:extrañaría|echaría de menos)|(?:estarían|estaría|estarán|vivirían) {w1}mejor sin mí|"
        r"mejor sin mí",
    ),
    p(
        "es",
        "sin_sentido",
        "nada tiene sentido",
        r"(?:nada|ya nada) {w2}tiene (?:ningún )?sentido|(?:la vida|vivir|mi vida|seguir) {w2}no tiene "
        r"(?:ningún )?sentido|(?:no|ya no) (?:le )?(?:veo|encuentro) (?:el |ningún )?sentido a (?:la vida|"
        r"nada|"
        r"vivir|seguir)|no vale la pena (?:vivir|seguir)|(?:para qué) (?:seguir|vivir)",
        unless=r"\b(?:ejercicio|tarea|registro|discutir|esperar|pelear)\b",
    ),
    p(
        "es",
        "sin_salida",
        "no veo salida",
        r"no (?:veo|hay|encuentro|tengo) {w1}(?:salida|otra salida|escapatoria)(?! (?:de|del) (?:la|el|"
        r"este|esta)? ?"
        r"(?:ascensor|edificio|túnel|metro|sala)\b)",
    ),
    p(
        "es",
        "no_puedo_mas",
        "no puedo más",
        r"no (?:puedo|aguanto|soporto) más(?: con esto| con mi vida| con la vida)?{end}|"
        r"no puedo seguir (?:así|"
        r"viviendo|adelante)",
    ),
    p(
        "es",
        "despedida",
        "carta de despedida",
        r"carta de despedida|despedirme de (?:todos|todo el mundo|ustedes|vosotros|mi familia|la vida)|"
        r"(?:decir|"
        r"dar) adiós a (?:todos|todo el mundo|la vida)",
        unless=r"\b(?:ejercicio|duelo|fallecid\w*|difunt\w*|papá|mamá|abuel\w*|trabajo|compañeros)\b",
    ),
    p(
        "es",
        "pastillas",
        "tengo pastillas guardadas",
        r"(?:pastillas|píldoras|medicamentos|somníferos|medicinas|remedios)\w* {w3}(?:guardad\w*|"
        r"escondid\w*|ahorrad\w*|"
        r"acumulad\w*|"
        r"juntad\w*)|(?:guardo|guardando|escondo|escondiendo|acumulo|acumulando|junto|juntando|ahorro|"
        r"ahorrando|"
        r"he guardado|he juntado|he acumulado) {w2}(?:pastillas|píldoras|medicamentos|somníferos|"
        r"medicinas|remedios)|"
        r"suficientes "
        r"(?:pastillas|píldoras|medicamentos|somníferos)|sobredosis|tomarme todas (?:las|mis) pastillas",
    ),
    p(
        "es",
        "danar_a_otros",
        "quiero matarlo",
        r"(?:quiero|voy a|ganas de|podría|me dan ganas de|pienso en|pensado en|pensé en|"
        r"pensando en) {w2}(?:matarlo|matarla|matarlos|"
        r"matarlas|"
        r"matar a \w+|hacerle daño|hacerles daño|pegarle|apuñalarlo|apuñalarla|lastimarlo|lastimarla|"
        r"ahorcarlo|"
        r"estrangularlo|estrangularla)(?! (?:el tiempo|de risa)\b)",
        negatable=True,
        unless=_INTRUSIVE + "|" + JOKING,
        despite=NOT_JOKING,
    ),
    p("es", "carga", "soy una carga", r"(?:soy|me siento) {w1}(?:una|un) (?:carga|estorbo)"),
    p(
        "es",
        "no_despertar",
        "dormir y no despertar",
        r"(?:dormir|dormirme) y (?:no|nunca) (?:volver a )?despertar(?:me)?|(?:no|nunca) (?:volver a )?"
        r"despertarme(?! (?:temprano|tarde|a las|a tiempo)\b)",
    ),
    p(
        "es",
        "pensar_en_morir",
        "pienso en la muerte",
        r"(?:pienso|pensé|pensando|pensado|pensar) {w2}en (?:la muerte|morir|morirme|el suicidio|quitarme|"
        r"matarme)",
        unless=_FEAR,
    ),
    p(
        "es",
        "metodo",
        "tirarme de un puente",
        r"(?:tirarme|lanzarme|saltar) (?:de|desde|por|a|bajo) (?:un|el|la|una) (?:puente|balcón|edificio|"
        r"ventana|"
        r"tren|metro|vías|azotea)",
        unless=_INTRUSIVE,
    ),
    p(
        "es",
        "me_queme",
        "me quemé el brazo a propósito",
        r"me (?:quemé|corté|lastimé|herí|rasgué|arañé|golpeé) (?:otra vez |de nuevo )?(?:el brazo|los brazos|"
        r"la muñeca|las muñecas|las piernas|el muslo|la piel)|me (?:quemé|corté|lastimé|herí|hice daño) {w3}"
        r"(?:a propósito|adrede|queriendo|otra vez|con (?:una|un) (?:cuchilla|navaja|cigarro|mechero))",
        unless=_INJURY,
        despite=r"\b(?:propósito|adrede|queriendo|otra vez|cuchilla|navaja)\b",
    ),
    p(
        "es",
        "metodo_pastillas",
        "cuántas pastillas hacen falta",
        r"cuántas (?:pastillas|píldoras|pildoras)|(?:me tomé|tomé|tomarme) (?:todas|un montón de|"
        r"muchas) (?:las |"
        r"mis )?(?:pastillas|píldoras)|tirarme (?:por|de|del|desde|a|al|bajo) (?:un |el |la |una |"
        r"las )?(?:puente|"
        r"balcón|ventana|tren|metro|vías|azotea|edificio|precipicio)|compré una cuerda",
    ),
    p(
        "es",
        "para_siempre",
        "quiero dormir para siempre",
        r"(?:dormir|dormirme|irme|desaparecer) para siempre|(?:irme|ir) de este mundo|dejar este mundo|"
        r"no quiero "
        r"seguir(?: así| viviendo)?{end}|(?:voy a|miedo de|ganas de|podría) hacer una (?:tontería|locura)"
        r"(?! (?:en|con)\b)",
    ),
    p(
        "es",
        "cansada_de_vivir",
        "estoy cansada de vivir",
        r"(?:cansad[oa]|hart[oa]|agotad[oa]) de (?:vivir|la vida|existir|estar viv[oa])|(?:ninguna|ni una|"
        r"no tengo|"
        r"sin) (?:razón|razones|motivo|motivos) (?:\w+ )?para (?:vivir|seguir)|si (?:yo )?no (?:existiera|"
        r"estuviera|hubiera nacido)|(?:me hago|hacerme|me hice) (?:cortes|heridas|quemaduras)|"
        r"cortes en (?:los "
        r"brazos|las piernas|las muñecas|los muslos)|cartas? (?:para|a) (?:mis|mi) \w+ por si (?:acaso|"
        r"me pasa)|"
        r"no soporto (?:estar viv[oa]|vivir|seguir viv[oa])",
    ),
    p(
        "es",
        "todas_de_golpe",
        "tomarme todas las pastillas de golpe",
        r"(?:pastillas|píldoras|medicamentos) {w3}(?:de golpe|de una vez|todas juntas)|"
        r"mejor (?:si )?(?:estuviera|"
        r"estar) muert[oa]|(?:ojalá|quisiera) estar muert[oa]|(?:volví|vuelvo|he vuelto) a (?:cortarme|"
        r"hacerme "
        r"daño|lastimarme|quemarme)|me (?:volví|vuelvo|he vuelto) a (?:cortar|lastimar|quemar|hacer daño)|"
        r"quiero "
        r"que (?:todo|esto|todo esto) (?:termine|acabe|se acabe)|me (?:voy a|quiero|pienso) (?:matar|"
        r"quitar la "
        r"vida|ahorcar|tirar (?:por|de|desde|a))(?! (?:de|a|estudiando|trabajando)\b)|(?:quiero|"
        r"deseo) que (?:se "
        r"muera|muera)|lo quiero muerto|la quiero muerta",
    ),
    p(
        "es",
        "coloquial",
        "nadie se daría cuenta si me fuera",
        r"nadie {w3}(?:daría cuenta|notaría|echaría de menos|extrañaría|"
        r"importaría)\w*,? si (?:yo )?(?:me )?(?:fuera|"
        r"marchara|muriera|desapareciera)(?: (?:mañana|para siempre))?{end}|(?:matar|cargarme|cargar) a "
        r"(?:ese|esa|este|esta) \w+",
        unless=r"\b(?:jaja\w*|jeje\w*|lol|xd)\b",
    ),
    p(
        "es",
        "muerte_y_medios",
        "pensamientos de muerte",
        r"(?:pensamientos|ideas) de (?:muerte|morir|suicidio)|(?:dese\w*|ojalá|quisiera|quiero|esperando|"
        r"rezando) "
        r"{w2}(?:morir|morirme) (?:mientras duermo|mientras dormía|durmiendo|en mi sueño)|(?:pastillas|"
        r"somníferos|"
        r"medicamentos) {w3},? por si acaso|estrellar(?:me)? {w2}contra (?:un|el|una) (?:árbol|muro|pared|"
        r"camión)|(?:estar|vivir|seguir) aquí sin (?:él|ella){end}|quiero irme con (?:él|ella){end}|cuchillo "
        r"{w4}{w4}(?:usar|matar|clavar)",
        unless=_FEAR,
        despite=r"\b(?:sin él|sin ella|irme con|cuchillo|pastillas|somníferos)\b",
    ),
    p(
        "es",
        "no_hubiera_nacido",
        "ojalá no hubiera nacido",
        r"(?:ojalá|quisiera|desearía) {w2}(?:no|nunca) (?:hubiera|haber) nacido|(?:mi vida|la vida|"
        r"vivir) no vale "
        r"(?:la pena|nada)",
    ),
    p(
        "es",
        "despedirme_peligro",
        "quería despedirme",
        r"(?:quería|quiero|quisiera) despedirme(?: de (?:ti|usted|ustedes|vosotros))?(?:{end}|"
        r" y darte las gracias| "
        r"y darle las gracias)|esto es (?:un|mi) adiós{end}|peligro para (?:mí|mi) (?:misma?)?|"
        r"peligro para los "
        r"demás",
    ),
    p(
        "es",
        "ganas_de_seguir",
        "no tengo ganas de seguir",
        r"(?:no tengo|sin|ya no tengo|perdí las) ganas de seguir(?: viviendo| adelante)?{end}|"
        r"me da igual (?:vivir o "
        r"morir|morir|si me muero|si vivo o (?:si )?muero)|hice las paces con todo|dejé todo en orden|"
        r"me (?:pego|"
        r"golpeo)(?! (?:con|contra) (?:la|el) (?:mesa|puerta|pared|esquina) sin querer)|(?:pegarme|"
        r"golpearme) "
        r"(?:a mí misma|a mí mismo)|mensaje de despedida",
        unless=_INJURY,
        despite=r"\b(?:misma|mismo|así|cuando me|morir|todo)\b",
    ),
    p(
        "es",
        "peligro_en_casa",
        "me mataría si se lo contaba a alguien",
        r"me mataría si (?:se lo |lo )?(?:contaba|decía|dejaba|me iba)|amenaz\w* con matarme|(?:él|"
        r"ella) me pega|"
        r"(?:vino|vodka|whisky|alcohol) con (?:las|mis) (?:pastillas|medicinas|medicamentos)|"
        r"lo dejo todo para "
        r"siempre|lo único que me (?:retiene|mantiene aquí|mantiene viva|mantiene vivo)|(?:sacudí|"
        r"zarandeé) al "
        r"bebé|miedo de {w4}(?:hacerle daño|lastimar|pegarle) (?:a )?(?:mi|mis) \w+",
        unless=_INTRUSIVE,
    ),
    p(
        "es",
        "atropellar",
        "deseo que me atropelle un coche",
        r"(?:deseo|ojalá|quisiera|espero) {w2}(?:que )?me (?:atropelle|arrolle|mate) (?:un|el) (?:coche|"
        r"auto|carro|"
        r"autobús|tren|camión)|si tuviera (?:el )?valor,? lo haría(?: (?:esta noche|hoy|ya|mañana))?{end}|"
        r"nadie "
        r"vendría a mi (?:funeral|entierro)|no me veo {w1}(?:viva|vivo)|hacerle sufrir",
    ),
    p(
        "es",
        "metodos",
        "volví a buscar métodos",
        r"busc\w* métodos(?! (?:para|de)\b)|esta noche es la noche,? lo siento|escond\w* una (?:cuchilla|"
        r"navaja)|"
        r"prefiero estar muert[oa]|luchar por (?:seguir|mantenerme) viv[oa]|hacer daño a (?:la gente|todos|"
        r"alguien)|(?:y|quiero|quisiera) no estar más",
    ),
    p(
        "es",
        "medios_a_mano",
        "un cuchillo en la muñeca",
        r"(?:cuchillo|cuchilla|navaja) (?:en|contra|sobre) (?:la|mi|mis|las) (?:muñeca|muñecas|brazo|"
        r"garganta)|"
        r"quién se queda con mis cosas|debería (?:estar muert[oa]|morir(?:me)?)|en la azotea del parking|"
        r"única salida",
        unless=r"\b(?:miedo a las alturas|exposición|vértigo)\b",
    ),
    p(
        "es",
        "duda_seguir",
        "no sé si puedo seguir",
        r"no sé si (?:puedo|podré|voy a poder) (?:seguir|aguantar)(?! (?:con|en) (?:el|la|los|las|este|"
        r"esta|mi)\b)|"
        r"cuánto (?:tiempo )?más (?:puedo|podré|voy a) aguantar{end}|más fácil (?:estar muert[oa]|"
        r"morir(?:me)?)",
    ),
    p(
        "es",
        "llevar_a_cabo",
        "tengo miedo de llevar a cabo estos pensamientos",
        r"llevar a cabo (?:estos|mis|esos) (?:pensamientos|impulsos)|una parte de mí quiere (?:morir|"
        r"desaparecer)|"
        r"(?:pensado|pienso|sé) (?:en )?cómo lo haría",
        unless=_INTRUSIVE,
    ),
    p(
        "es",
        "contar_pastillas",
        "llevo días contando las pastillas",
        r"cont\w* (?:las|mis) (?:pastillas|píldoras)|no pienso (?:seguir|estar) (?:aquí|viv[oa])|(?:lo|la) "
        r"(?:apuñalo|apuñalaré|mato|mataré)(?! (?:de risa|a besos)\b)|(?:estoy|sigo) haciéndome daño|"
        r"me estoy "
        r"haciendo daño|por si no (?:llego|sobrevivo|aguanto)",
    ),
    p(
        "es",
        "soportar_vida",
        "ya no soporto esta vida",
        r"(?:soporto|aguanto) (?:esta|la|mi) vida|(?:fácil|sencillo) saltar|(?:mi vida|la vida|"
        r"vivir) (?:ya )?no vale"
        r" (?:nada|la pena)|no quiero (?:volver a )?despertar(?:me)?(?! (?:temprano|tarde|a las|pronto)\b)|"
        r"hacerme algo|me haga algo|quitarme de en medio",
        unless=r"\b(?:miedo a las alturas|exposición|vértigo|piscina)\b",
    ),
    p(
        "es",
        "caja_tomada",
        "me tomé una caja de somníferos",
        r"(?:me tomé|tomé|tragué) (?:una|la|toda la|toda una) (?:caja|tira|tableta|botella) de (?:somníferos|"
        r"pastillas|píldoras|medicamentos)|sobro (?:en este mundo|aquí|en la vida)|(?:no tengo|"
        r"sin) fuerzas para "
        r"(?:luchar|seguir|vivir)(?! (?:con|contra)\b)|quiero que (?:se acabe|todo se acabe|termine todo)",
    ),
    p(
        "es",
        "quitar_de_en_medio",
        "me quiero quitar de en medio",
        r"me (?:quiero |voy a )?quitar de en medio(?! en\b)|ponerle fin a (?:todo|todo esto|mi vida)|"
        r"(?:mejor|"
        r"ojalá) {w2}no despertar(?:me)?|guardad[oa]s {w1}(?:las|mis) (?:pastillas|píldoras|medicinas)|"
        r"no puedo "
        r"(?:más )?con (?:la|mi|esta) vida",
    ),
)
