"""
A B1 check of Dutch text: long sentences, long words and the passive voice, sentence by
sentence, with the Flesch-Douma score and a one-line verdict. Advice only: nothing here
ever stops a form from being sent.

Sentences end at . ! ? … followed by white space (not after an abbreviation or an
initial) and at every line break, so list items and paragraphs are never glued together.

Syllables are vowel groups, where the Dutch vowel combinations (ij, ei, ui, ou, au, eu,
oe, ie, aa, ee, oo, uu, and aai, ooi, oei, eeu, ieu) count as one, and a diaeresis starts
a new syllable: "vrijwilligers" 4, "buurthuis" 2, "geïnteresseerd" 5.

A word is long from five syllables on, or from 16 letters. Letters alone are a poor
measure in Dutch, which writes compounds as one word: "vrijwilligers" and "buurtbewoners"
(13 letters, 4 syllables) are everyday words, while "tegemoetkoming" or "desbetreffende"
(14 letters, 5 syllables) make a reader stop. Syllables follow what a reader has to
decode; the letter limit catches consonant-heavy compounds that stay at four syllables
("schoonmaakploegen", 17 letters). Not marked: names (a capital inside a sentence), which a writer
cannot shorten, and the few long words this platform itself uses every day
(EVERYDAY_WORDS), which nobody can split into easier ones.

The passive voice is a form of "worden" or "zijn" with a past participle (ge…d/t, with
be-, ver-, ont-, her- or er- instead of ge-, a separable part before it as in
"uitgenodigd", or a strong participle on -en from STRONG_STEMS) within the same clause,
after it or just before it: "wordt georganiseerd", "werd gebracht", "is geopend",
"die door de gemeente verstrekt wordt". "Zijn" with a verb of motion or change
("is gekomen", "is gebeurd") is the perfect tense, not the passive.
"""

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import strip_tags
from django.utils.translation import gettext, ngettext

MAX_SENTENCE_WORDS = 20
LONG_WORD_SYLLABLES = 5
LONG_WORD_LETTERS = 16
EASY_SCORE = 60  # Flesch-Douma 60 and up: plain language for a wide public (about B1)
HARD_SCORE = 45
PASSIVE_WINDOW = 8  # words after the auxiliary in which the participle may follow

EASY, MEDIUM, HARD, EMPTY = "easy", "medium", "hard", "empty"

# One syllable each, longest first; a vowel with a diaeresis stands alone.
VOWEL_GROUP = re.compile("aai|ooi|oei|eeu|ieu|ij|ei|ui|ou|au|eu|oe|ie|aa|ee|oo|uu|[aeiouyàáâäèéêëìíîïòóôöùúûü]")

ABBREVIATIONS = frozenset(
    "bijv bv ca nr nrs dhr mevr mw mr dr drs ir ing prof enz etc evt incl excl jl zgn vgl blz pag st resp tel max min "
    "ong div di wo vr za febr okt sept nov dec".split()
)
EVERYDAY_WORDS = frozenset(
    "activiteit activiteiten organisatie organisaties vrijwilligerswerk vrijwilligersavond informatie "
    "bewonersavond bewonersavonden buurtbewoners wijkbewoners".split()
)

WORDEN = frozenset({"word", "wordt", "worden", "werd", "werden"})
ZIJN = frozenset({"is", "zijn", "was", "waren", "ben", "bent"})
CLAUSE_STOPS = frozenset(
    "dat die omdat als wanneer want maar en of zodat terwijl toen nadat voordat waar wie wat welke hoewel tenzij "
    "zodra om te heb hebt heeft hebben had hadden kan kun kunt kunnen kon konden moet moeten moest moesten mag mogen "
    "mocht mochten wil wilt willen wilde wilden zal zult zullen zou zouden".split()
) | WORDEN | ZIJN
DETERMINERS = frozenset({"een", "geen", "de", "het"})
PREPOSITIONS = frozenset(
    "aan achter bij binnen boven buiten door in langs met na naar naast om onder op over per rond sinds tegen tijdens "
    "tot tussen uit van vanaf voor zonder".split()
)
PREFIXES = ("ge", "be", "ver", "ont", "her", "er")
PARTICLES = (
    "aan", "af", "bij", "dicht", "door", "goed", "in", "los", "mee", "na", "neer", "om", "onder", "op", "open",
    "over", "rond", "samen", "tegen", "terug", "toe", "uit", "vast", "voor", "vrij", "weg",
)
# What follows the prefix in common strong participles: gegeven, besproken, ontvangen, vergeten, opgenomen.
STRONG_STEMS = frozenset(
    "bleven boden bonden braden daan dragen dreven dronken geten geven gonnen grepen hangen heven holpen houden "
    "kozen kregen laden lezen lopen meten nomen roepen schenen schonken schoten schreven slagen sloten sneden "
    "sproken staan stolen streden trokken vallen vangen vonden wassen wezen zien zongen zonden zworen".split()
)
# Participles that take "zijn" in the perfect tense: "is gekomen" is not a passive.
PERFECT_WITH_ZIJN = frozenset(
    "gegaan gekomen gebleven geworden gestorven gebeurd begonnen gestopt vertrokken verhuisd gegroeid veranderd "
    "ontstaan geslaagd gelukt verdwenen gevallen gestegen gedaald geweest gelopen gefietst gereden gevlogen "
    "gezwommen geëindigd gekeerd overleden ontsnapt gebleken verschenen gestart geland gezakt geboren".split()
)
# Adjectives that look like participles.
NOT_PARTICIPLES = frozenset(
    "bekend beroemd verliefd gezond gewend bereid gereed verkeerd geschikt verplicht geduld gehandicapt bedoeld "
    "tevreden ontevreden".split()
)

WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
BLOCK_END = re.compile(r"<br\s*/?>|</\s*(?:p|li|h[1-6]|div|blockquote)\s*>", re.I)


@dataclass(frozen=True)
class Segment:
    """A piece of a sentence as written; marked pieces are a long word or part of a passive."""

    text: str
    long_word: bool = False
    passive: bool = False

    @property
    def marked(self):
        return self.long_word or self.passive


@dataclass(frozen=True)
class Sentence:
    """One sentence with its marks; `number` counts from 1 over the whole text."""

    number: int
    text: str
    word_count: int
    syllables: int
    long_words: tuple
    passives: tuple
    segments: tuple

    @property
    def is_long(self):
        return self.word_count > MAX_SENTENCE_WORDS

    @property
    def flagged(self):
        return self.is_long or bool(self.long_words) or bool(self.passives)

    @property
    def notes(self):
        """The marks as text, in the active language."""
        notes = []
        if self.is_long:
            count = {"count": self.word_count}
            notes.append(gettext("Lange zin (%(count)s woorden). Maak er twee zinnen van.") % count)
        if self.long_words:
            notes.append(
                ngettext(
                    "Lang woord: %(words)s. Kies een korter woord.",
                    "Lange woorden: %(words)s. Kies kortere woorden.",
                    len(self.long_words),
                )
                % {"words": ", ".join(self.long_words)}
            )
        if self.passives:
            notes.append(
                gettext("Lijdende vorm: %(phrases)s. Schrijf wie het doet.") % {"phrases": ", ".join(self.passives)}
            )
        return notes

    def as_dict(self):
        return {
            "number": self.number,
            "text": self.text,
            "words": self.word_count,
            "long": self.is_long,
            "long_words": list(self.long_words),
            "passives": list(self.passives),
            "notes": self.notes,
        }


@dataclass(frozen=True)
class Report:
    """The check of a whole text: every sentence, the score and a one-line verdict."""

    sentences: tuple
    word_count: int
    syllables: int
    score: int | None  # Flesch-Douma, 0 (hard) to 100 (easy); None without text
    level: str
    advice: tuple  # "sentences" and/or "words": what would help most, first

    @property
    def flagged(self):
        return [sentence for sentence in self.sentences if sentence.flagged]

    @property
    def verdict(self):
        if self.level == EMPTY:
            return gettext("Er is nog geen tekst om te controleren.")
        if self.level == EASY:
            if self.flagged:
                return gettext("Goed te lezen. Kijk nog even naar de zinnen met een opmerking.")
            return gettext("Goed te lezen.")
        texts = {"sentences": gettext("maak zinnen korter"), "words": gettext("kies kortere woorden")}
        advice = texts[self.advice[0]]
        if len(self.advice) > 1:
            advice = gettext("%(first)s en %(second)s") % {"first": advice, "second": texts[self.advice[1]]}
        if self.level == MEDIUM:
            return gettext("Wat moeilijk: %(advice)s.") % {"advice": advice}
        return gettext("Moeilijk: %(advice)s.") % {"advice": advice}

    def as_dict(self):
        return {
            "score": self.score,
            "level": self.level,
            "verdict": self.verdict,
            "words": self.word_count,
            "sentence_count": len(self.sentences),
            "sentences": [sentence.as_dict() for sentence in self.flagged],
        }


def html_to_text(markup):
    """Rich text as plain text, one line per paragraph, list item or line break."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", re.sub(r"\s+", " ", markup))))


def plain_text(value):
    """A text, HTML or a RichText value as plain text."""
    value = str(getattr(value, "source", value) or "")
    return html_to_text(value) if TAG.search(value) else value


@lru_cache(maxsize=4096)
def syllable_count(word):
    return max(len(VOWEL_GROUP.findall(word.lower())), 1)


def flesch_douma(word_count, sentence_count, syllables):
    """206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence."""
    return 206.84 - 0.77 * (100 * syllables / word_count) - 0.93 * (word_count / sentence_count)


def is_long_word(word, first_in_sentence=False):
    if not word.isalpha() and "-" not in word:
        return False
    if (word[0].isupper() and not first_in_sentence) or word.isupper():
        return False
    if word.lower() in EVERYDAY_WORDS:
        return False
    return any(
        len(part) >= LONG_WORD_LETTERS or syllable_count(part) >= LONG_WORD_SYLLABLES
        for part in word.split("-") if part.isalpha()
    )


def _without_particle(word):
    for particle in PARTICLES:
        if word.startswith(particle) and word[len(particle):].startswith("ge") and len(word) > len(particle) + 4:
            return word[len(particle):]
    return word


def is_participle(word):
    word = _without_particle(word.lower())
    if word in NOT_PARTICIPLES or not word.isalpha():
        return False
    for prefix in PREFIXES:
        rest = word[len(prefix):]
        if not word.startswith(prefix) or len(rest) < 3:
            continue
        if rest in STRONG_STEMS:
            return True
        if rest.endswith("n"):
            return False  # a plural or an infinitive: verhalen, gesprekken
        if rest.endswith("end") and prefix != "ge" and len(rest) >= 6:
            return False  # a present participle: verrassend, ontroerend
        if rest[-1] in "dt":
            return True
    return False


def _is_perfect_tense(participle):
    return _without_particle(participle.lower()) in PERFECT_WITH_ZIJN


def _attributive(text, words, lowered, aux, candidate):
    """"is een goed georganiseerd feest": after a determiner and before its noun, a participle is an adjective."""
    if not DETERMINERS.intersection(lowered[aux + 1:candidate]) or candidate + 1 >= len(words):
        return False
    gap = text[words[candidate][2]:words[candidate + 1][1]]
    return gap.isspace() and lowered[candidate + 1] not in PREPOSITIONS | CLAUSE_STOPS


def _passives(text, words):
    """(auxiliary index, participle index) pairs; words are (text, start, end) in the sentence `text`."""
    lowered = [text.lower() for text, _start, _end in words]
    used, found = set(), []
    for index, word in enumerate(lowered):
        if word not in WORDEN and word not in ZIJN:
            continue

        def fits(candidate):
            if candidate in used or not is_participle(words[candidate][0]):
                return False
            return word in WORDEN or not _is_perfect_tense(words[candidate][0])

        if index > 0 and fits(index - 1):
            found.append((index, index - 1))
            used.add(index - 1)
            continue
        # "zijn" is also "his": only the word right after it counts.
        window = 1 if word == "zijn" else PASSIVE_WINDOW
        for candidate in range(index + 1, min(index + 1 + window, len(words))):
            if lowered[candidate] in CLAUSE_STOPS:
                break
            if fits(candidate) and not _attributive(text, words, lowered, index, candidate):
                found.append((index, candidate))
                used.add(candidate)
                break
    return found


def _sentence(number, text):
    words = [(match.group(), match.start(), match.end()) for match in WORD.finditer(text)]
    if not any(any(char.isalpha() for char in word) for word, _start, _end in words):
        return None
    long_word_indexes = [
        index for index, (word, _start, _end) in enumerate(words) if is_long_word(word, first_in_sentence=index == 0)
    ]
    pairs = _passives(text, words)
    passive_indexes = {index for pair in pairs for index in pair}
    phrases = []
    for aux, participle in pairs:
        first, last = sorted((aux, participle))
        gap = " " if last == first + 1 else " … "
        phrases.append(words[first][0] + gap + words[last][0])

    segments, position = [], 0
    for index, (word, start, end) in enumerate(words):
        long_word, passive = index in long_word_indexes, index in passive_indexes
        if long_word or passive:
            if start > position:
                segments.append(Segment(text[position:start]))
            segments.append(Segment(word, long_word=long_word, passive=passive))
            position = end
    if position < len(text):
        segments.append(Segment(text[position:]))

    return Sentence(
        number=number,
        text=text,
        word_count=len(words),
        syllables=sum(syllable_count(word) for word, _start, _end in words),
        long_words=tuple(dict.fromkeys(words[index][0] for index in long_word_indexes)),
        passives=tuple(phrases),
        segments=tuple(segments),
    )


def split_sentences(text):
    """The sentences of a plain text, in order, with their own spacing trimmed."""
    sentences = []
    for line in text.splitlines():
        start = 0
        for match in BOUNDARY.finditer(line):
            if match.group()[0] == ".":
                before = line[start:match.start()].split()
                previous = before[-1].lstrip("(\"'‘“").lower() if before else ""
                if previous in ABBREVIATIONS or "." in previous or (len(previous) == 1 and previous.isalpha()):
                    continue
            sentences.append(line[start:match.end()])
            start = match.end()
        sentences.append(line[start:])
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def analyse(text):
    """The B1 report of a text; HTML (rich text) is reduced to its text first."""
    sentences = []
    for part in split_sentences(plain_text(text)):
        sentence = _sentence(len(sentences) + 1, part)
        if sentence is not None:
            sentences.append(sentence)
    word_count = sum(sentence.word_count for sentence in sentences)
    syllables = sum(sentence.syllables for sentence in sentences)
    if not word_count:
        return Report((), 0, 0, None, EMPTY, ())

    score = round(min(100.0, max(0.0, flesch_douma(word_count, len(sentences), syllables))))
    level = EASY if score >= EASY_SCORE else MEDIUM if score >= HARD_SCORE else HARD
    # Which terms of the formula cost points beyond plain-language values
    # (15 words per sentence, 150 syllables per 100 words), the costliest first?
    costs = {
        "sentences": 0.93 * (word_count / len(sentences) - 15),
        "words": 0.77 * (100 * syllables / word_count - 150),
    }
    advice = tuple(sorted((code for code in costs if costs[code] > 0), key=costs.get, reverse=True))
    return Report(tuple(sentences), word_count, syllables, score, level, advice or ("sentences",))


def analyse_texts(*texts):
    """One report over several fields (e.g. intro and body), each kept apart as its own paragraph."""
    return analyse("\n\n".join(plain_text(text) for text in texts))
