"""The rules' regexes and lookup tables of one merged lexicon (see rules.py for what each reads).

Each rule is a named pattern; its groups are written ``(?P<@key>...)`` and get the rule's name as
prefix (``weekday_with_tense_day``), so that group names never clash between rules.  The rules
are tried in the order listed, most specific first.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicon, alternation, norm, reads
from .openers import Dispatch
from .tense import rules_for

# Data keys whose words never open a time expression (the rest feed the look-ahead in _starters).
_NOT_STARTERS = frozenset((
    "tense", "count_nouns", "age_nouns", "age_words", "url_like", "numeral_prefixes",
    "unit_adjective_stems", "months_need_context", "pm_parts", "year_suffixes", "decade_suffixes",
    "day_ordinal_suffixes", "hour_words", "local_time", "century_words", "quarter_words", "half_words",
    "times_words", "range_joiners", "ago_postpositions", "since_postpositions", "later_postpositions",
    "year_of", "numeral_articles", "year_abbreviations", "conjunctions", "period_adjectives", "then_blockers",
    "per_unit_followers", "definite_units", "set_adjective_stems", "deictic_adjective_stems", "adjective_endings", "set_adjective_blockers",
    "age_noun_grammemes", "holiday_lowercase_openers", "decade_years", "event_after", "age_copulas",
    "discourse_now", "inverted_units", "inverted_unit_prepositions", "inverted_few", "night_units", "dotted_clock_blockers", "and_a_half", "clock_range_openers", "period_heads",
    "holiday_common_nouns", "term_nouns", "already_words", "then_clause_openers", "vague_followers",
    "parts_of_day_need_tense", "night_from", "numeral_case_endings", "decade_case_endings", "lasting_verbs", "ordinal_number_suffixes", "lowercase_new_year"))


class Grammar:
    """The compiled rules and lookup tables of one merged lexicon."""

    def __init__(self, lex: Lexicon):
        self.lex = L = lex
        self.months = L.map("months")
        self.months_ctx = L.set("months_need_context")
        self.weekdays = L.map("weekdays")
        self.units = L.map("units")
        self.units_sg = L.map("units_singular")
        self.single_unit = {**L.map("single_unit_genitives"), **self.units_sg}
        self.fixed_durations = L.map("fixed_durations")
        self.units_pl = L.map("units_plural")
        self.unit_adj = L.map("unit_adjective_stems")
        self.numerals = L.map("numerals")
        self.indef = L.set("indefinite_numerals")
        self.num_prefixes = L.map("numeral_prefixes")
        self.deictic = L.map("deictic_days")
        self.deictic_years = L.map("deictic_years")
        self.relmod = L.map("relative_modifiers")
        self.relunits = L.map("relative_units")
        self.mods = L.map("mods")
        self.prep_mods = L.map("prep_mods")
        self.approx = L.set("approx")
        self.year_preps = L.set("year_prepositions")
        self.year_abbrevs = L.set("year_abbreviations")
        self.vague = L.map("vague")
        self.vague_mods = L.map("vague_period_modifiers")
        self.sets = L.map("sets")
        self.per_unit = L.map("per_unit")
        self.time_words = L.map("time_words")
        self.pods = L.map("parts_of_day")
        self.pm = frozenset(v.upper() for v in L.set("pm_parts"))  # part-of-day values, not words
        self.seasons = L.map("seasons")
        self.bare_seasons = L.set("bare_seasons")
        self.ordinals = L.map("ordinals")
        self.day_words = L.map("day_ordinal_words")
        self.decade_words = L.map("decade_words")
        self.age_nouns = L.set("age_nouns")
        self.age_words = L.set("age_words")
        self.age_prepositions = L.set("age_prepositions")
        self.period_heads = L.set("period_heads")
        self.term_nouns = L.set("term_nouns")
        self.already_words = L.set("already_words")  # 'уже', 'вече' before a count of years  # a prison term after N years: no age  # nouns a 'two-year' adjective measures: no age
        self.age_bridges = L.set("age_bridges")
        self.count_nouns = L.set("count_nouns")
        self.before = L.set("before")
        self.after = L.set("after")
        self.ago = L.set("ago_postpositions")
        self.later = L.map("later_postpositions")
        self.clock_preps = L.set("clock_prepositions")
        self.holidays = L.map("holidays")
        self.holiday_openers = L.set("holiday_lowercase_openers")
        self.lowercase_new_year = L.nested_set("lowercase_new_year", "names")  # 'с нового года'
        self.lowercase_new_year_preps = L.nested_set("lowercase_new_year", "prepositions")
        self.holiday_common_nouns = L.set("holiday_common_nouns")
        self.definite_units = L.map("definite_units")
        self.days_from_ref = L.map("days_from_ref")
        self.set_adjectives = L.map("set_adjective_stems")
        self.deictic_adjectives = L.map("deictic_adjective_stems")
        self.bare_pods = L.map("bare_parts_of_day")
        self.then_blockers = L.set("then_blockers")
        self.then_clause_openers = L.set("then_clause_openers")  # 'с тех пор, как ...': no anaphora
        self.vague_if_followed = L.map("vague_if_followed")
        self.pods_need_tense = L.set("parts_of_day_need_tense")
        self.night_nouns = L.nested_set("night_from", "nouns")  # 'в ночь со вторника на среду'
        self.night_from = L.nested_set("night_from", "prepositions")
        self.per_unit_followers = L.set("per_unit_followers")
        self.then_across = L.nested_set("anaphora", "then_across_sentences")
        self.then_far = L.nested_set("anaphora", "then_two_sentences_back")
        self.set_adjective_blockers = L.set("set_adjective_blockers")
        self.event_after = L.set("event_after")
        self.age_copulas = L.set("age_copulas")
        self.discourse_now = L.nested_set("discourse_now", "words")
        self.discourse_before = L.nested_set("discourse_now", "before")
        self.discourse_after = L.nested_set("discourse_now", "after")
        self.inverted_units = L.map("inverted_units")
        self.inverted_few = L.set("inverted_few")
        self.night_units = L.set("night_units")
        self.range_joiner_words = L.set("range_joiners")
        self.clock_range_openers = L.set("clock_range_openers")
        self.clock_blockers = L.set("dotted_clock_blockers") | L.set("times_words")
        self.conjunctions = L.set("conjunctions")  # two durations joined: '2 часа и 30 минути'
        self.lasting_verbs = L.set("lasting_verbs")  # 'продължи 3.35 часа': hours and minutes, not a clock
        # the grammemes of a noun after 'N-year' that make the number an age (asked of the
        # morphological analyser of the first language whose data gives them)
        self.morph_code, self.age_grammemes = next(
            ((c, frozenset(d["age_noun_grammemes"])) for c, d in zip(L.langs, L.data) if d.get("age_noun_grammemes")),
            ("", frozenset()))
        self.tense_rules = rules_for(lex)
        patterns = self._patterns()
        Y4, YS, CONJ = r"(?:1[6-9]\d\d|20\d\d)", L.alt("year_suffixes"), L.alt("conjunctions")
        # a year listed before this one ("през 1988 и 2008 г."), a numeric date just before a clock time
        self.year_list_before = re.compile(rf"(?<![\d]){Y4}(?:\s*{YS})?\s*(?:,|\s{CONJ})\s*$")
        self.decade_after = re.compile(rf"\s?{L.alt('decade_suffixes')}(?![\w])")
        # a decade just before a century ('70-те години на миналия век', 'в 60-х годах прошлого века')
        self.decade_before = re.compile(
            rf"\d0\s?{L.alt('decade_suffixes')}(?:\s+\w+)?\s+(?:{L.alt('year_of')}\s+)?$")
        self.year_list_after = re.compile(rf"\s*(?:,|\s{CONJ})\s*{Y4}\s*{YS}")
        # months in a list: one after another month ('в марте, апреле и мае': 'мае' needs no more
        # context), and the year written after the list's last month ('в январе и феврале 2019 года')
        MON, PREP = L.alt("months"), L.alt("prepositions")
        self.month_list_before = re.compile(rf"(?<![\w-]){MON}(?![\w])\s*(?:,|\s{CONJ})\s*(?:{PREP}\s+)?$")
        self.month_list_year = re.compile(rf"(?:\s*,\s*(?:{PREP}\s+)?{MON}(?![\w]))*\s*(?:,|\s+{CONJ})\s+(?:{PREP}\s+)?(?P<last>{MON})"
                                          rf"\s+(?P<year>{Y4})(?:\s*{YS}(?![\w]))?")
        DAYN = rf"(?:3[01]|[12]\d|0?[1-9])(?:-?{L.alt('day_ordinal_suffixes')})?"
        self.day_list_year = re.compile(rf"(?:\s*,\s*(?:{PREP}\s+)?{DAYN}\s*\.?\s+{MON}(?![\w]))*\s*(?:,|\s+{CONJ})\s+"
                                        rf"(?:{PREP}\s+)?{DAYN}\s*\.?\s+(?P<last>{MON})\s+(?P<year>{Y4})(?:\s*{YS}(?![\w]))?")
        self.date_before = re.compile(rf"(?<![\d])\d{{1,2}}[./]\d{{1,2}}[./]{Y4}(?:\s*{YS})?,?\s*$")
        self.then_blocker = re.compile(rf"(?<![\w-]){alternation(self.then_blockers)}(?![\w])")
        # (rule, pattern) in the order tried (compiled in openers.Dispatch).
        self.rules = [(name, f"(?P<{name}>{pat})") for name, pat in patterns]
        self.order = {name: i for i, (name, _) in enumerate(self.rules)}
        # Every rule starts at a word start: one look-behind for all of them, checked once per
        # position, and a look-ahead on the first word, let the engine skip most positions...
        self.scan = re.compile(rf"(?<![\w-]){self._starters()}")
        # ... and at such a place only the rules that can open with its first token are tried
        # (openers.py), in the same order, so that the same rule matches as in the whole alternation.
        self.dispatch = Dispatch(self.rules)

    def _starters(self) -> str:
        """A look-ahead for the first word of any time expression: every rule's opening words
        (prepositions, modifiers, names, numerals...), a digit, a glued numeral prefix."""
        words: set[str] = set()

        def add(x):
            if isinstance(x, str) and x:
                words.add(norm(x).split(" ")[0])
            elif isinstance(x, dict):
                for k, v in x.items():
                    add(k)
                    if isinstance(v, (list, dict)):
                        add(v)
            elif isinstance(x, list):
                for v in x:
                    add(v)

        for d in self.lex.data:
            for key, val in d.items():
                if not key.startswith("_") and key not in _NOT_STARTERS:
                    add(val)
        stems = alternation(list(self.set_adjectives) + list(self.deictic_adjectives))
        return (rf"(?=\(|\d|{alternation(words)}(?![\w])|{alternation(self.num_prefixes)}|{stems}"
                rf"|[ivx]{{1,5}}(?![\w]))")

    def _patterns(self) -> list[tuple[str, str]]:
        L = self.lex
        B, E = r"(?<![\w-])", r"(?![\w])"
        NB = r"(?<![\w.,/:-])"  # a number that is not part of another number or code
        PREP = L.alt("prepositions")
        MODS = L.alt("mods")
        MON = L.alt("months")
        WD = L.alt("weekdays")
        ORD = L.alt("day_ordinal_suffixes")
        DAY = rf"(?:3[01]|[12]\d|0?[1-9])(?:-?{ORD})?(?![\d])"
        Y4 = r"(?:1[6-9]\d\d|20\d\d)(?![\d])"
        YS = L.alt("year_suffixes")
        YOF = L.alt("year_of")
        RJ = L.alt("range_joiners")
        RELMOD = L.alt("relative_modifiers")
        YEARU = alternation(k for k, v in self.relunits.items() if v == "Y")
        DY = L.alt("deictic_years")
        NUMW = L.alt("numerals")
        JOIN = L.alt("numeral_joiners")
        INDEF = L.alt("indefinite_numerals")
        # a digit count with a case ending ('7-ми дней', 'в течение 3-х лет'); '-х' after a
        # number ending in 0 is a decade's ('90-х годов'), not a count
        NOT_DECADE = "".join(rf"(?<!0-{re.escape(w)})" for w in sorted(L.set("decade_case_endings")))
        CASE = rf"(?:-(?:{L.alt('numeral_case_endings')}){NOT_DECADE}(?![\w-]))?"
        NUM = rf"(?:{NB}\d{{1,3}}(?:[.,]5)?(?![\d.,]\d){CASE}|{NUMW}(?:(?:\s+{JOIN}\s+|-){NUMW})?|{INDEF})"
        UNITS = L.alt("units")
        NUM_RANGE = rf"(?:\s*[-–—]\s*(?:\d{{1,3}}(?!\d){CASE}|{NUMW}))?"  # "2-4 недели": valued at its start
        USG = L.alt("units_singular")
        UPL = L.alt("units_plural")
        PODS = L.alt("parts_of_day")
        HW = L.alt("hour_words")
        LOCAL = L.alt("local_time")
        SINCE = L.alt("since_postpositions")
        # an optional year after a month or a day: "2020 г.", "миналата година", "догодина"
        YEAR_TAIL = (rf"(?:,?\s+(?P<@year>{Y4})(?:\s*{YS}{E})?"
                     rf"|\s+(?P<@year_rel>{RELMOD})\s+{YEARU}{E}"
                     rf"|\s+(?P<@year_deictic>{DY}){E})?")
        PRE = rf"(?:(?P<@prep>{PREP})\s+)?(?:(?P<@mod>{MODS})\s+)?"
        CONJ = L.alt("conjunctions")
        USG_ANY = alternation(self.units_sg)
        PERIOD_ADJ = L.alt("period_adjectives")
        ADJ_END = L.alt("adjective_endings")
        MORE = L.alt("more_or_less")
        PAREN_DATE = rf"(?:\s*\(\s*(?P<@paren_day>{DAY})\s*\.?\s+(?P<@paren_month>{MON})\s*\))?"
        # the year of a season, quarter or half: written out, or relative ('прошлого года')
        YEAR_OF = rf"(?:{YOF}\s+)?(?:(?P<@year>{Y4})(?:\s*{YS}{E})?|(?P<@year_rel>{RELMOD})\s+{YEARU}{E})"
        THIS_YEAR = alternation(k for k, v in self.definite_units.items() if v == "Y")
        DAYW = L.alt("day_ordinal_words")

        rules = [
            ("iso_date", rf"(?<![\w/.-])(?P<@year>{Y4})-(?P<@month>0[1-9]|1[0-2])-(?P<@day>0[1-9]|[12]\d|3[01])"
                         rf"(?:[Tt ](?P<@hour>[01]\d|2[0-3]):(?P<@minute>[0-5]\d)(?::[0-5]\d)?)?(?![\d/])"),
            ("numeric_date", rf"{NB}(?P<@day>3[01]|[12]\d|0?[1-9])\s?(?P<@sep>[./])\s?(?P<@month>1[0-2]|0?[1-9])\s?(?P=@sep)\s?"
                             rf"(?P<@year>{Y4})(?:\s*{YS}{E})?(?![.,/]\d)"),
            # "10.07.18": a two-digit year only with a two-digit day and month, dotted
            ("numeric_date_short", rf"{NB}(?P<@day>0[1-9]|[12]\d|3[01])\.(?P<@month>0[1-9]|1[0-2])\.(?P<@year>\d\d)(?![\d]|[.,/]\d)"),
            ("day_before_conjoined_day",
             rf"{B}{PRE}{NB}(?P<@day>{DAY})(?=(?:\s*,\s*{DAY})*\s+{CONJ}\s+(?:{PREP}\s+)?{DAY}\s*\.?\s+(?P<@month>{MON}){E}"
             rf"(?:,?\s+(?P<@year>{Y4}))?"
             # two days joined by a comma only ('25, 26 июля'): the next day is read to check that
             # it follows this one (not a count before a date: 'пункт 3, 15 мая')
             rf"|,\s+(?P<@next>{DAY})\s*\.?\s+(?P<@month2>{MON}){E}(?:,?\s+(?P<@year2>{Y4}))?)"),
            ("day_and_month_name",
             rf"{B}(?:(?:(?P<@weekday_prep>{PREP})\s+)?(?P<@weekday>{WD}),?\s+)?{PRE}(?:{NB}(?P<@day>{DAY})|(?P<@day_word>{DAYW}))"
             rf"(?:\s*[-–—]\s*(?P<@day2>{DAY})|\s+{RJ}\s+(?P<@day3>{DAY}))?\s*\.?\s+(?P<@month>{MON}){E}"
             + YEAR_TAIL +
             rf"(?:(?:\s*[-–—]\s*|\s+{RJ}\s+)(?:{DAY}\s+)?{MON}{E}(?:\s+(?P<@range_year>{Y4})(?:\s*{YS}{E})?)?)?"
             rf"(?:\s*[–—,-]\s*(?P<@weekday2>{WD}){E})?"),
            ("month_name_then_day",
             rf"{B}(?:(?P<@prep>{PREP})\s+)?(?P<@month>{MON})\s+(?P<@day>{DAY})(?:\s*[-–]\s*{DAY})?(?:,?\s+(?P<@year>{Y4}))?{E}"),
            ("year_number", rf"{B}{PRE}{NB}(?P<@year>{Y4})(?:\s*[-–—/]\s*(?P<@year2>{Y4}|\d\d(?!\d))|\s+{RJ}\s+(?P<@year3>{Y4}))?"
                            rf"(?:\s*(?P<@suffix>{YS}){E})?"),
            ("decade", rf"{B}{PRE}(?:{NB}(?P<@number>(?:1[6-9]|20)?\d0)\s?(?P<@suffix>{L.alt('decade_suffixes')}){E}"
                       rf"|(?P<@word>{L.alt('decade_words')}){E}(?:\s+{L.alt('decade_years')}{E})?)"),
            ("century", rf"{B}(?:(?P<@prep>{PREP})\s+)?(?P<@number>[ivxIVX]{{1,5}}|\d{{1,2}})(?:-?{ORD})?\s+{L.alt('century_words')}{E}"),
            # "накануне Нового года", "в навечерието на Коледа": the day before the holiday
            ("holiday_eve", rf"{B}{L.alt('holiday_eve')}\s+(?P<@name>{L.alt('holidays')}){E}"
                            rf"(?:\s+(?:{YOF}\s+)?(?P<@year>{Y4})(?:\s*{YS}{E})?)?"),
            ("holiday", rf"{B}(?:(?P<@prep>{PREP})\s+)?(?P<@name>{L.alt('holidays')}){E}"
                        rf"(?:\s+(?:{YOF}\s+)?(?P<@year>{Y4})(?:\s*{YS}{E})?)?"),
            # "накануне вечером": a part of the day after it is of that day (one expression)
            ("day_from_ref", rf"{B}(?P<@word>{L.alt('days_from_ref')}){E}(?:\s+(?P<@part_of_day>{PODS}){E})?"),
            ("weekday_with_tense",
             rf"{B}"
             rf"(?:(?P<@prep>{PREP})\s+)?(?:(?P<@rel>{RELMOD})\s+)?(?P<@weekday>{WD}){E}(?:\s+(?P<@part_of_day>{PODS}){E})?"
             + PAREN_DATE),
            ("deictic_day", rf"{B}(?:(?P<@prefix>{L.alt('deictic_prefixes')})\s+)?(?P<@word>{L.alt('deictic_days')}){E}"
                            + PAREN_DATE + rf"(?:\s+(?P<@part_of_day>{PODS}){E})?"),
            # "в этом и прошлом году", "тази и миналата година": the first of two periods sharing one noun
            ("relative_period_conjoined",
             rf"{B}(?:(?P<@prep>{PREP})\s+)?(?:(?P<@mod>{MODS})\s+)?(?P<@rel>{RELMOD})(?=\s+{CONJ}\s+(?:{PREP}\s+)?{RELMOD}\s+(?:{PERIOD_ADJ}\s+)?"
             rf"(?P<@unit>{L.alt('relative_units')}){E})"),
            ("relative_period", rf"{B}(?:(?P<@prep>{PREP})\s+)?(?:(?P<@earlier_later>{L.alt('earlier_later')})\s+)?(?:(?P<@mod>{MODS})\s+)?"
                                rf"(?P<@rel>{RELMOD})\s+(?:{PERIOD_ADJ}\s+)?(?P<@unit>{L.alt('relative_units')}){E}"),
            ("mod_definite_unit", rf"{B}(?P<@mod>{MODS})\s+(?:{PERIOD_ADJ}\s+)?(?P<@unit>{L.alt('definite_units')}){E}(?!\s*(?:\d|{YOF}{E}))"),
            ("weekend", rf"{B}(?P<@prep>{PREP})\s+(?P<@word>{L.alt('bare_period_words')}){E}"),
            ("deictic_year", rf"{B}(?P<@word>{DY}){E}"),
            ("month_name_with_year",
             rf"{B}{PRE}(?:(?P<@whole>{L.alt('whole')})\s+)?(?:(?P<@rel>{RELMOD})\s+)?(?P<@month>{MON}){E}"
             + YEAR_TAIL + rf"(?:\s+(?P<@since>{SINCE}){E})?"
             # a range of months whose year is written after the last: "с марта по май 2020 года"
             rf"(?:(?:\s*[-–—]\s*|\s+{RJ}\s+)(?P<@range_month>{MON}){E}\s+(?P<@range_year>{Y4})(?:\s*{YS}{E})?)?"),
            ("season_with_year", rf"{B}{PRE}(?:(?P<@rel>{RELMOD})\s+)?(?P<@season>{L.alt('seasons')}){E}"
                                 rf"(?:\s+{YEAR_OF})?"),
            # "в I квартале 2019 года", "през 2-ро тримесечие на 2019 г.": a Roman numeral or a digit (with
            # an ordinal ending) only with the year written after it
            ("quarter_of_year", rf"{B}(?:(?P<@ordinal>{L.alt('ordinals')})|(?P<@roman>iv|i{{1,3}})|(?P<@digit>[1-4])"
                                rf"(?:-?{L.alt('ordinal_number_suffixes')})?)\s+(?:{L.alt('quarter_words')}|(?P<@half>{L.alt('half_words')})){E}"
                                rf"(?:\s+{YEAR_OF})?"),
            ("half_of_year", rf"{B}(?P<@ordinal>{L.alt('ordinals')})\s+{L.alt('half_of_year_words')}\s+"
                             rf"(?:{YEAR_OF}|(?:{YOF}\s+)?(?P<@this_year>{THIS_YEAR}){E})"),
            ("before_after_count_units",
             rf"{B}(?P<@prep>{L.alt('before')}|{L.alt('after')})\s+(?:{MORE}\s+)?"
             rf"(?:(?P<@count>{NUM}){NUM_RANGE}\s+(?P<@unit>{UNITS})|(?P<@unit1>{USG_ANY})){E}"),
            ("count_units_later", rf"{B}(?:(?P<@count>{NUM})\s+(?P<@unit>{UNITS})|(?P<@unit1>{USG_ANY}))\s+(?P<@post>{L.alt('later_postpositions')}){E}"),
            # "около года назад": a lone genitive unit only after "about"
            ("count_units_ago", rf"{B}(?:(?P<@more>{MORE})\s+)?(?:(?P<@count>{NUM}){NUM_RANGE}\s+(?P<@unit>{UNITS})|(?P<@unit1>{USG_ANY})"
                                rf"|(?P<@unit_gen>{L.alt('single_unit_genitives')}))"
                                rf"\s+(?P<@post>{L.alt('ago_postpositions')}){E}"),
            ("clock_time",
             rf"{B}(?:(?P<@prep>{L.alt('time_prepositions')})\s+)?{NB}(?P<@hour>[01]?\d|2[0-4])(?:(?P<@sep>[:.,])(?P<@minute>[0-5]\d))?(?![\d])"
             rf"(?:\s*(?P<@hour_word>{HW}))?(?!\w)(?:\s+(?P<@part_of_day>{PODS}){E})?(?:\s+(?P<@local>{LOCAL}){E})?"
             rf"(?P<@range>\s+{RJ}\s+\d{{1,2}}(?:[:.,][0-5]\d)?(?![\d]))?"),
            ("set_word", rf"{B}(?:(?P<@count>{NUM})\s+{L.alt('times_words')}\s+)?(?P<@word>{L.alt('sets')}){E}"),
            ("times_per_unit", rf"{B}(?:(?P<@count>{NUM})\s+{L.alt('times_words')}|{L.alt('times_adverbs')})\s+(?P<@word>{L.alt('per_unit')}){E}"),
            ("per_unit_after_count", rf"{B}(?P<@word>{L.alt('per_unit')}){E}"),
            ("set_adjective", rf"{B}(?P<@stem>{L.alt('set_adjective_stems')})(?:{ADJ_END})?{E}"),
            ("every_unit", rf"{B}{L.alt('set_every')}\s+(?:(?P<@count>{NUM})\s+(?P<@units>{UNITS})|(?P<@unit>{USG}|{WD})){E}"),
            # an approximate count after its unit: "дня три", "часа на два", "года два назад"
            ("inverted_count_units",
             rf"{B}(?P<@unit>{L.alt('inverted_units')})\s+(?:(?P<@prep>{L.alt('inverted_unit_prepositions')})\s+)?"
             rf"(?P<@count>{NUMW}){E}(?:\s+(?P<@post>{L.alt('ago_postpositions')}){E})?"),
            ("count_units",
             rf"{B}(?:(?P<@prep>{L.alt('duration_prepositions')}|{L.alt('last_n')})\s+)?"
             rf"(?P<@count>{NUM})(?:(?:\s+{RJ}\s+|\s*[-–—]\s*)(?:{NUM}|\d{{1,3}}(?![\d.,]\d){CASE}))?(?:-{L.alt('numeral_articles')})?\s+(?P<@unit>{UNITS}){E}"
             rf"(?:\s+(?P<@since>{SINCE}){E})?"),
            ("indefinite_units",
             rf"{B}(?:(?P<@prefix>{L.nested_alt('indefinite_periods', 'prefix')})\s+(?P<@unit>{UPL}){E}(?!\s+{SINCE})"
             rf"|(?P<@unit2>{UPL})\s+{L.nested_alt('indefinite_periods', 'postfix')}{E})"),
            # "полгода назад", "через полгода", "след половин година": half a year from the anchor
            ("half_year_shifted",
             rf"{B}(?:(?P<@prep>{L.alt('before')}|{L.alt('after')})\s+)?(?P<@word>{L.alt('half_year_words')}){E}"
             rf"(?:\s+(?P<@post>{L.alt('ago_postpositions')}){E})?"),
            # not before 'ago' ('полгода назад' is a date this rule cannot place)
            ("fixed_duration", rf"{B}(?P<@word>{L.alt('fixed_durations')}){E}(?!\s+{L.alt('ago_postpositions')}{E})"),
            ("single_unit", rf"{B}(?P<@prep>{L.alt('whole')}|{L.alt('single_unit_prepositions')}){E}\s+"
                            rf"(?P<@unit>{USG}|{L.alt('single_unit_genitives')}){E}(?:\s+(?P<@half>{L.alt('and_a_half')}){E})?"),
            # "година и половина", "час и половина", "год с половиной": one unit and a half
            ("unit_and_a_half", rf"{B}(?P<@unit>{USG})\s+(?P<@half>{L.alt('and_a_half')}){E}"),
            # "около года", "почти месяц", "повече от година": one unit, more or less
            ("approx_single_unit", rf"{B}(?P<@more>{MORE})\s+(?P<@unit>{USG}|{L.alt('single_unit_genitives')}){E}"
                                   rf"(?:\s+(?P<@half>{L.alt('and_a_half')}){E})?"),
            ("count_unit_adjective",
             rf"{B}(?P<@count>\d{{1,3}}\s?-\s?|{alternation(self.num_prefixes)})(?P<@stem>{L.alt('unit_adjective_stems')})\w*"),
            ("vague_period", rf"{B}(?:(?P<@prep>{L.alt('vague_period_prepositions')})\s+)?"
                             rf"(?P<@mod>{L.alt('vague_period_modifiers')})\s+(?P<@unit>{UPL}){E}"),
            # "пока не сообщается": 'so far' only before a negated report
            ("vague_followed", rf"{B}(?P<@word>{L.alt('vague_if_followed')}){E}(?=\s+{L.alt('vague_followers')}{E})"),
            ("vague_word", rf"{B}(?P<@word>{L.alt('vague')}){E}"),
            ("deictic_adjective", rf"{B}(?P<@stem>{L.alt('deictic_adjective_stems')})(?:{ADJ_END})?{E}"),
            ("time_word", rf"{B}(?:(?P<@prep>{L.alt('time_word_prepositions')})\s+)?(?P<@word>{L.alt('time_words')}){E}"),
            # not before a weekday or a day: "поздно вечером в понедельник", "вечером 15 января" are
            # that Monday, that day (the weekday's or the day's rule)
            ("part_of_day_alone", rf"{B}(?P<@word>{L.alt('bare_parts_of_day')}){E}(?!\s+{YOF}{E})"
                                  rf"(?!\s+(?:{PREP}\s+)?(?:{WD}{E}|{DAY}\s*\.?\s+{MON}{E}))"),
            ("same_day_as_anchor", rf"{B}(?P<@word>{L.nested_alt('anaphora', 'same_day_anchor')}){E}"),
            ("same_day_as_before", rf"{B}(?P<@word>{L.nested_alt('anaphora', 'same_day')}){E}"),
            ("same_month_as_before", rf"{B}(?P<@word>{L.nested_alt('anaphora', 'same_month')}){E}(?!\s+\d)"),
            ("same_year_as_before", rf"{B}(?P<@word>{L.nested_alt('anaphora', 'same_year')}){E}"),
            ("then_as_before", rf"{B}(?P<@word>{L.nested_alt('anaphora', 'then')}){E}"),
        ]
        return [(name, re.sub(r"\(\?P([<=])@", rf"(?P\g<1>{name}_", pat)) for name, pat in rules]


@lru_cache(maxsize=None)
def _grammar(langs: tuple[str, ...]) -> Grammar:
    return Grammar(Lexicon(langs))


def grammar_for(lang: str | None) -> Grammar:
    """The grammar that reads ``lang`` (built once per set of data files)."""
    return _grammar(reads(lang))


def compile_all() -> None:
    """Every language's grammar built once, so that its rules' compiled programs are kept beside
    openers.py (``make install`` and the reading bench call it; a reading would write them
    otherwise at its first article in that language)."""
    from .. import lang

    for code in lang.languages():
        if lang.get(code).has("timex.json"):
            grammar_for(code)
