"""The chat: turns and slash commands over the tutor core. No prompt-toolkit here, so the same
logic serves the interactive prompt, piped input and --json; see commands/chat.py for the loop.

Slash commands are the `cmd_<name>` methods; their docstrings are the /help text.
"""

from __future__ import annotations

import io
import re
from typing import Callable

from rich.console import Console, Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tutor.core.answer.answer import ANSWERED, Answer
from tutor.core.clock import now
from tutor.core.answer.conversation import Conversation
from tutor.core.corpus.ids import matching
from tutor.app.render.answer import print_rich, read_as, render_plain, render_rich
from tutor.core.safety import redact
from tutor.core.search.defined import defining_sentence, opening_definition
from tutor.core.clauses import bare_word, is_command_word
from tutor.core.text import clean_input
from tutor.core.vocab import AUTO, LEVEL_NAMES

# The program words (clauses.COMMAND_WORDS) that are a chat command when typed alone; the others
# ("stop", "cancel") get the core's note on how to ask.
BARE_COMMANDS = {"quit": "/quit", "exit": "/quit", "q": "/quit", "bye": "/quit", "goodbye": "/quit",
                 "help": "/help", "?": "/help", "clear": "/clear"}

MAX_SUGGESTED = 4      # commands a typed prefix is said to fit ("/d": /deeper or /define); more is /help's list
KEYS_HELP = ("Keys: Enter sends · Esc then Enter starts a new line · Tab completes commands, terms and ids · "
             "Ctrl-C clears the line · Ctrl-D or /quit leaves.")

HISTORY_CHARS = 200      # a long paste is shown cut in /history (a tester's 2,000 characters filled the screen)


# After a refusal or a "not covered" the learner did ask: "Ask a question first" read as if they had
# not (an exploratory tester's)
_NOTHING_ANSWERED = ("The last question was not answered from the text, so there is nothing to go on; ask one it "
                     "answers, and {what}.")


# How a turn went, in /history, in words: "[not_covered]" and "[refused (personal_medical)]" read as
# code to a learner (an exploratory tester's). --json keeps the status and reason themselves.
_HOW_ANSWERED = {"answered": "answered", "not_covered": "not in the text", "dosing": "refused: dosing",
                 "personal_medical": "refused: personal advice", "misuse": "refused: misuse",
                 "emergency": "emergency message"}


class Chat:
    """One conversation: answers questions, runs commands, remembers the topic and level."""

    def __init__(self, terminal, get_tutor: Callable[[], object], store=None, level: str = "auto",
                 json_mode: bool = False, run_quiz: Callable[[str | None], None] | None = None,
                 loaded: Callable[[], object | None] | None = None) -> None:
        self.terminal, self.get_tutor, self.store = terminal, get_tutor, store
        self.loaded = loaded or get_tutor         # the tutor if it is loaded, else None (never waits)
        self.level, self.json_mode, self.run_quiz = level, json_mode, run_quiz
        self.conversation = Conversation(level=level)
        self.last: Answer | None = None          # the last answered question: /more, /simpler
        self.cited: Answer | None = None         # the last answer that cited passages: /source N
        self.last_status: str | None = None      # of the last question: a refused one is kept out of history
        self.last_kept_out = False               # ... and one that said where to turn (Answer.maybe_urgent, may_be_serious)
        self.more_offset = 0
        self.reading_at: str | None = None       # the passage /next and /prev start from
        self.reading_to: str | None = None       # ... and where /next goes on after (the last of a run quoted)
        self.history: list[Answer] = []          # this session's turns, for /history
        self.fresh_at: list[int] = []            # where in it /new started a fresh conversation

    # -- the loop's entry point ---------------------------------------------------------------

    def handle(self, line: str) -> bool:
        """Process one input; False means the learner asked to leave. A line with nothing left
        after control and zero-width characters are removed is ignored like an empty one."""
        text = clean_input(line)
        if not text:
            return True
        if text.startswith("/"):
            return self._command(text)
        command = BARE_COMMANDS.get(bare_word(text).lower()) if is_command_word(text) else None
        # after an emergency message "help" may be a cry for help, which the guard judges; a word
        # for leaving still leaves (it had brought the emergency message back, again and again)
        if command and (command == "/quit" or not self.conversation.after_an_emergency):
            return self._command(command)
        self.ask(text)
        return True

    def ask(self, question: str, level: str | None = None, typed: str | None = None) -> Answer:
        """Answer `question`; `typed` is what the learner typed when a command asked it for them
        ("/deeper" asks "go deeper"), which is what the answer's JSON says was received."""
        tutor = self.get_tutor()
        answer = tutor.answer(question, self.conversation, level=level or self.level)
        if typed is not None:
            answer.question = typed
        self.last_status = answer.status
        self.last_kept_out = answer.status == "refused" or answer.maybe_urgent or answer.may_be_serious
        self.history.append(answer)
        if answer.status == ANSWERED or answer.citations:
            # a diagnosis refused quotes the text too: its [1] is what /source 1 shows, and read (a
            # reviewer's /source 1 showed the answer before it); /more and /simpler do not go on from it
            self.cited = answer
            if answer.citations:
                self.reading_at, self.reading_to = _quoted_run(answer, tutor.index)
            self._seen([c.passage for c in answer.citations])
            self.last, self.more_offset = (answer if answer.status == ANSWERED else None), 0
        self._emit_answer(answer)
        return answer

    def may_keep(self, line: str) -> bool | None:
        """Whether a line interrupted before its answer may go to the history file: a command may;
        a question only if the guard, reading it alone, would not refuse it (a refused question is
        never written). None while the tutor is still loading and cannot judge it yet."""
        text = clean_input(line)
        if not text or text.startswith("/"):
            return bool(text)
        tutor = self.loaded()
        if tutor is None:
            return None
        verdict = tutor.guard.classify(text)
        # ... nor one whose reply would say where to turn (Answer.may_be_serious), as ask() keeps it out
        return not verdict.refused and not verdict.unsure_emergency and not tutor.guard.may_be_serious(text)

    def _seen(self, passages) -> None:
        if self.store is not None:
            self.store.mark_seen(passages, now())

    # -- commands -----------------------------------------------------------------------------

    @classmethod
    def command_names(cls) -> list[str]:
        return ["/" + name[4:] for name in dir(cls) if name.startswith("cmd_")]

    def completions(self, text: str, tutor) -> list[tuple[str, int]]:
        """(completion, start position) for the input so far: command names, then the arguments
        the command's `complete_<name>` offers (none while the tutor is still loading)."""
        if not text.startswith("/"):
            return []
        if " " not in text:         # "/define " with its space: the term is typed next, not glued on
            return [(name + " " if hasattr(self, "complete_" + name[1:]) else name, -len(text))
                    for name in self.command_names() if name.startswith(text)]
        command, _, arg = text.partition(" ")
        offer = getattr(self, "complete_" + command[1:], None)
        if offer is None or tutor is None:
            return []
        wanted = arg.lower()
        return [(item, -len(arg)) for item in offer(tutor) if item.lower().startswith(wanted)]

    def _command(self, text: str) -> bool:
        self.last_status, self.last_kept_out = None, False
        name, _, arg = text.partition(" ")
        matches = [c for c in self.command_names() if c == name.lower()] or \
                  [c for c in self.command_names() if c.startswith(name.lower())]
        if len(matches) != 1:
            # a prefix that fits a few commands names them; "/" alone fits every one, which /help lists
            hint = f"Did you mean {' or '.join(matches)}?" if 1 < len(matches) <= MAX_SUGGESTED \
                else "" if matches else _closest(name, self.command_names())
            self._emit_text(" ".join(x for x in (f"Unknown command {name}.", hint, "Type /help for the list.") if x),
                            command=name)
            return True
        try:
            return getattr(self, "cmd_" + matches[0][1:])(arg.strip()) is not False
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as error:  # noqa: BLE001 — no slash command may end the session
            from tutor.core.errors import TutorError

            why = str(error) if isinstance(error, TutorError) else f"{error.__class__.__name__}: {error}"
            self._emit_text(f"{matches[0]} could not be done ({why.rstrip('.')}); the chat goes on.", command=matches[0])
            return True

    def cmd_help(self, arg: str = "") -> None:
        """/help — list commands and keys."""
        lines = [getattr(self, "cmd_" + c[1:]).__doc__.strip().splitlines()[0] for c in self.command_names()]
        if self.json_mode or not self.terminal.rich:
            self._emit_text("Ask a question in your own words, or use a command:\n  " + "\n  ".join(lines)
                            + "\n" + KEYS_HELP, command="/help")
            return
        # a table, so a description wrapped at 80 columns stays under itself, not under the commands
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, style="bold")
        table.add_column()
        for line in lines:
            usage, _, what = line.partition(" — ")
            name, _, args = usage.partition(" ")      # "/level fundamentals|…": the arguments go right
            table.add_row(name, f"{args} — {what}".replace("`", "") if args else what.replace("`", ""))
        self._emit(Group(Text("Ask a question in your own words, or use a command:"), Padding(table, (0, 0, 0, 2)),
                         Text(KEYS_HELP)), command="/help")

    def cmd_quit(self, arg: str = "") -> bool:
        """/quit — leave the tutor (Ctrl-D works too)."""
        if self.json_mode:      # every line read gets its object; the lines after this one are not read
            self._emit_text("Goodbye — the chat ends here.", command="/quit")
        return False

    def cmd_more(self, arg: str = "") -> None:
        """/more — the next best passages for the last question."""
        if not self.last or not self.last.ranked:
            self._emit_text(self._nothing_to_go_on("/more then shows further passages about it"), command="/more")
            return
        cited = {c.passage.id for c in self.last.citations}
        source = self.last.citations[0].passage.source if self.last.citations else None
        # the cited text's own passages first: after a teacher's kidney-stone answer, hormone passages said little
        ranked = sorted((h for h in self.last.ranked if h.passage.id not in cited), key=lambda h: h.passage.source != source)
        rest = ranked[self.more_offset:self.more_offset + 3]
        self.more_offset += 3
        if not rest:
            self._emit_text("No further passages for that question.", command="/more")
            return
        # each heading as /source gives it: an id that would be folded at 80 columns is shown by its ending
        index = self.get_tutor().index
        body = "\n\n".join(f"{self._heading(h.passage)}\n{index.shown(h.passage)}" for h in rest)
        self._seen([h.passage for h in rest])           # shown whole: read, as far as /progress knows
        self.conversation.shown.update(h.passage.id for h in rest)
        self._emit_text(body, command="/more")

    def cmd_source(self, arg: str = "") -> None:
        """/source N|PASSAGE-ID — the whole passage behind citation N, or any passage by id or its unique ending."""
        tutor = self.get_tutor()
        passage = self._passage_for(arg, tutor)
        if passage is None:
            return
        self.reading_at = self.reading_to = passage.id      # /next and /prev go on from what was read last
        self._seen([passage])
        if not (arg.isascii() and arg.isdecimal()):         # a citation's passage is the last answer's subject
            tutor.remember_reading(self.conversation, passage)
        before, after = tutor.index.neighbours(passage.id)
        nav = [f"previous: {self._fitting(before, 'previous: ')}" if before else "",
               f"next: {self._fitting(after, 'next: ')}" if after else ""]
        nav = ("  " if len("  ".join(nav)) <= self.terminal.out.width else "\n").join(x for x in nav if x)
        # "/source 1" after a refusal that quoted nothing showed an earlier answer's [1] with no word of
        # it (a tester's): which answer the number is from is said
        earlier = self.cited is not None and self.history and self.history[-1] is not self.cited \
            and arg.isascii() and arg.isdecimal()
        note = f"[{arg}] of your earlier question “{self.cited.question.rstrip()}”:\n" if earlier else ""
        self._emit_text(f"{note}{self._heading(passage)}\n{tutor.index.shown(passage)}" + (f"\n{nav}" if nav else ""),
                        command="/source")

    def _heading(self, passage) -> str:
        """"Tier › Section  (id)", the id on a line of its own, or by its ending, where it would not fit."""
        heading = f"{passage.label}  ({passage.id})"
        if self._fitting(passage.id, f"{passage.label}  ()") != passage.id:
            heading = f"{passage.label}\n({self._fitting(passage.id, '()')})"
        return heading

    def _fitting(self, passage_id: str, beside: str) -> str:
        """A passage id as it fits beside `beside` on a line: whole, else by its unique ending,
        which /source takes too (corpus.ids); a terminal folded the whole in two. JSON keeps it whole."""
        if self.json_mode or len(beside) + len(passage_id) <= self.terminal.out.width:
            return passage_id
        ending = self.get_tutor().index.short_id(passage_id)
        return ending if ending == passage_id else f"…/{ending}"

    @staticmethod
    def complete_source(tutor) -> list[str]:
        return [p.id for p in tutor.index.passages]

    def _passage_for(self, arg: str, tutor):
        if not arg:
            self._emit_text("Usage: /source N (a citation number) or /source PASSAGE-ID (see /topics).", command="/source")
            return None
        if arg.isascii() and arg.isdecimal():          # "፩" or "²" are digits to isdigit() but not to int()
            cited = {c.n: c.passage for c in (self.cited.citations if self.cited else [])}
            if int(arg) not in cited:
                self._emit_text(f"There is no citation [{arg}] in the last answer." if self.cited else
                                "There is no answer yet to cite from: ask a question first, or give a passage id "
                                "(/topics lists them).", command="/source")
                return None
            return cited[int(arg)]
        passage = tutor.index.find(arg)
        if passage is None:
            ending = matching(arg, list(tutor.index.by_id))
            ids = ending or [p.id for p in tutor.index.passages if arg.lower() in p.id]
            hint = (f" {len(ending)} ids end so, e.g. {ending[0]}: type more of it." if len(ending) > 1 else
                    f" Did you mean {self._fitting(ids[0], f'No passage has the id {arg}. Did you mean ?')}?" if ids
                    else " /topics lists the sections with ids.")
            self._emit_text(f"No passage has the id {arg}.{hint}", command="/source")
        return passage

    def cmd_define(self, arg: str = "") -> None:
        """/define TERM — the glossary entry for a term (aliases and small typos work)."""
        tutor = self.get_tutor()
        if not arg:
            self._emit_text("Usage: /define TERM, e.g. /define SERM", command="/define")
            return
        found = tutor.glossary.find(arg)
        named = tutor.glossary.lookup(arg, fuzzy=False)
        opening = opening_definition(tutor.index.passages, arg) if named is None else None
        if not found or opening is not None:
            # "/define asthma" showed the entry for triggers, which has the alias "asthma trigger",
            # though the handout says "Asthma is a long-term condition …" (an exploratory tester's):
            # a term the text defines in so many words is that, before a part of another's name
            shown = arg if len(arg) <= 60 else arg[:57] + "…"
            # a sentence can define only a word the text uses, which is no typo of a glossary term:
            # "/define diabetes" suggested "prediabetes" beside "Type 2 diabetes is a long-term condition …"
            in_text = opening or defining_sentence(tutor.index.passages, arg)
            if in_text is None and not found:
                # "/define postherpetic neuralgai" beside a handout that defines postherpetic neuralgia
                # was "not in the glossary", with no suggestion (a tester's): a typing slip of the text's word
                spelt = tutor.retriever.spelt_right(arg.lower(), re.findall(r"[\w-]+", arg.lower()))
                in_text = defining_sentence(tutor.index.passages, spelt) if spelt != arg.lower() else None
                shown = spelt if in_text is not None and len(spelt) <= 60 else shown
            closest = _closest_term(arg, tutor.glossary) if not found and in_text is None else None
            if in_text is not None:      # a teacher's text without a glossary still says what its terms are
                passage, sentence = in_text
                defined = tutor.index.shown(passage, sentence)
                self._emit_text(f"“{shown}” is not in the glossary; the text defines it: {defined}\n"
                                f"Source: {passage.label}\n/source {self._fitting(passage.id, '/source ')}",
                                command="/define")
                return
            self._emit_text(f"“{shown}” is not in the glossary. {closest}".rstrip(), command="/define")
            return
        if len(found) > 1:
            self._emit_text(f"“{arg}” could be: {', '.join(e.term for e in found[:8])} — e.g. /define {found[0].term}",
                            command="/define")
            return
        entry = found[0]
        p = tutor.index.by_id.get(entry.passage_id)
        definition = redact(entry.definition)        # as the answers' boxes and the quiz show it
        if not entry.defined_in_prose(tutor.index.by_id):
            # a paper's title in the reference list is no definition (a tester's /define igf-1);
            # answer boxes and the quiz already leave such an entry out
            self._emit_text(f"The text does not define {entry.term}; it names it in the title of a source it "
                            f"cites: {definition}\nSource: {p.label if p else ''}\n"
                            f"/source {self._fitting(entry.passage_id, '/source ')}", command="/define")
            return
        if not entry.defines:
            # "TRT — The body's own testosterone creation can become suppressed during TRT …" read as a
            # definition (a learner tester's); the text never says what TRT is, only uses it
            self._emit_text(f"The text uses “{entry.term}” without defining it. It is used so: {definition}\n"
                            f"Source: {p.label if p else ''}\n/source {self._fitting(entry.passage_id, '/source ')}",
                            command="/define")
            return
        aliases = f" (also: {', '.join(entry.aliases)})" if entry.aliases else ""
        # the command to read on, on a line of its own: wrapped beside the label, "(/source" and its
        # id were split across two lines at 80 columns (a tester's)
        self._emit_text(f"{entry.term}{aliases} — {definition}\nSource: {p.label if p else ''}\n"
                        f"/source {self._fitting(entry.passage_id, '/source ')}", command="/define")

    @staticmethod
    def complete_define(tutor) -> list[str]:
        return [name for entry in tutor.glossary for name in entry.names]

    def cmd_topics(self, arg: str = "") -> None:
        """/topics — the tiers and sections of the text, with passage ids to type."""
        from tutor.app.render import topics

        index = self.get_tutor().index
        if self._styled():
            print_rich(self.terminal.out, topics.rich(index, self.terminal.out.width), index.short_id)
        else:
            self._emit_text(topics.lines(index), command="/topics")

    def cmd_progress(self, arg: str = "") -> None:
        """/progress — the sections you have already seen in answers or read (kept across sessions)."""
        from tutor.core.corpus.outline import outline

        tutor = self.get_tutor()
        seen = self.store.seen() if self.store is not None else {}
        by_section: dict[tuple[str, str], list[int]] = {}
        for p in tutor.index.passages:
            counts = by_section.setdefault((p.tier, p.section), [0, 0])
            counts[0] += p.id in seen
            counts[1] += 1
        rows = []
        for tier, section, _, _ in outline(tutor.index.passages):
            done, total = by_section[(tier, section)]
            mark = "✓" if done == total else "·" if done else " "
            name = tier if section == tier else f"{tier} › {section}"
            rows.append((f" {mark}", f"{name}: {done} of {total} seen"))
        seen_total = sum(d for d, _ in by_section.values())
        all_total = sum(t for _, t in by_section.values())
        self._emit_rows(f"You have seen {seen_total} of {all_total} passages.", rows, command="/progress")

    def cmd_level(self, arg: str = "") -> None:
        """/level fundamentals|intermediate|academic|auto — prefer passages of that tier."""
        choice = arg.lower().strip()
        named = [name for name in (*LEVEL_NAMES, AUTO) if choice and name.startswith(choice)]
        if len(named) == 1:         # "/level acad", as commands and /define take a beginning
            choice = named[0]
        if choice not in (*LEVEL_NAMES, AUTO):
            unknown = f"There is no level “{arg.strip()[:40]}”. " if choice else ""
            self._emit_text(f"{unknown}Level is {self.level}. Choose one of: {', '.join((*LEVEL_NAMES, AUTO))}.",
                            command="/level")
            return
        if choice != AUTO and not any(p.tier.lower() == choice for p in self.get_tutor().index.passages):
            self._emit_text(f"The text has no {choice.title()} part, so the level stays {self.level}.", command="/level")
            return
        self.level = self.conversation.level = choice
        self._emit_text(f"Level set to {choice}.", command="/level")

    def cmd_simpler(self, arg: str = "") -> None:
        """/simpler — the last question again from the tier below (or "explain that more simply")."""
        self._reanswer("explain that more simply", "/simpler")

    def cmd_deeper(self, arg: str = "") -> None:
        """/deeper — the last question again from the tier above (or "go deeper")."""
        self._reanswer("go deeper", "/deeper")

    def _reanswer(self, request: str, command: str) -> None:
        """The same request as typing it: the tutor reads it against the conversation."""
        if not self.last or self.last.status != ANSWERED:
            self._emit_text(self._nothing_to_go_on("/simpler or /deeper then answers it again from another tier"),
                            command=command)
            return
        self.ask(request, typed=command)

    def cmd_new(self, arg: str = "") -> None:
        """/new — start a fresh conversation (follow-ups no longer refer to earlier questions)."""
        self.conversation.clear()
        self.last, self.cited, self.more_offset, self.reading_at, self.reading_to = None, None, 0, None, None
        if self.history and (not self.fresh_at or self.fresh_at[-1] != len(self.history)):
            self.fresh_at.append(len(self.history))
        self._emit_text("New conversation. Earlier questions no longer count as context.", command="/new")

    def _nothing_to_go_on(self, then: str) -> str:
        """Why a command that works on the last answer has none: no question yet in this
        conversation (since the chat began or the last /new), or none the text answered."""
        asked = len(self.history) > (self.fresh_at[-1] if self.fresh_at else 0)
        return _NOTHING_ANSWERED.format(what=then) if asked else f"Ask a question first; {then}."

    def cmd_clear(self, arg: str = "") -> None:
        """/clear — the same as /new."""
        self.cmd_new(arg)

    def cmd_history(self, arg: str = "") -> None:
        """/history — the questions of this session, with how each was read and answered."""
        if not self.history:
            self._emit_text("No questions yet in this session.", command="/history")
            return
        rows = []
        for n, answer in enumerate(self.history, 1):
            if n - 1 in self.fresh_at:      # a tester could not tell where /new had started afresh
                rows.append(("", "— /new: a fresh conversation —"))
            how = _HOW_ANSWERED.get(answer.reason if answer.status == "refused" else answer.status, answer.status)
            read = f" → read as: {read_as(answer, limit=None)}" if read_as(answer) else ""
            asked = answer.question if len(answer.question) <= HISTORY_CHARS else answer.question[:HISTORY_CHARS - 1] + "…"
            rows.append((f"{n:>2}.", f"{asked}{read}  [{how}]"))
        self._emit_rows("", rows, command="/history")

    def cmd_next(self, arg: str = "") -> None:
        """/next — read on: the passage after the last one cited or read (counts in /progress)."""
        self._walk(+1, "/next")

    def cmd_prev(self, arg: str = "") -> None:
        """/prev — read back: the passage before the last one cited or read."""
        self._walk(-1, "/prev")

    def _walk(self, step: int, command: str) -> None:
        tutor = self.get_tutor()
        passages = tutor.index.passages
        if self.reading_at is None:
            row, source = (0 if step > 0 else None), None
        else:
            at = tutor.index.row[(self.reading_to or self.reading_at) if step > 0 else self.reading_at]
            row, source = at + step, passages[at].source
        if row is None or not 0 <= row < len(passages) or source is not None and passages[row].source != source:
            # each file is read on its own: /prev from a shingles handout's first passage went into the
            # bundled text's closing reflection (an exploratory tester's)
            title = tutor.retriever.file_title(source) if source is not None else None
            text = f"“{title}”" if title else "the text"
            other = " /topics lists the other texts." if len(tutor.index.sources) > 1 else ""
            self._emit_text((f"That is the end of {text}." if step > 0 else f"That is the start of {text}.") + other,
                            command=command)
            return
        passage = passages[row]
        self.reading_at = self.reading_to = passage.id
        self._seen([passage])
        tutor.remember_reading(self.conversation, passage)
        self._emit_text(f"{self._heading(passage)}\n{tutor.index.shown(passage)}", command=command)

    def cmd_quiz(self, arg: str = "") -> None:
        """/quiz [TEXT] — a short glossary quiz (on one text of the corpus when named).

        The answers count towards `tutor quiz --stats`. A name no text has is said, not ignored (two
        teachers' testers typed "/quiz allergies" and were quizzed on the hormone text)."""
        if self.run_quiz is None or self.json_mode:
            self._emit_text("The quiz needs an interactive terminal; run `tutor quiz`.", command="/quiz")
            return
        text = None
        if arg.strip():
            from tutor.core.quiz.factory import no_text_named, text_named

            index = self.get_tutor().index
            text = text_named(index, arg)
            if text is None:
                self._emit_text(no_text_named(index, arg), command="/quiz")
                return
        self.run_quiz(text)

    # -- output --------------------------------------------------------------------------------

    def _styled(self) -> bool:
        return self.terminal.rich and not self.json_mode

    def _emit_answer(self, answer: Answer) -> None:
        if self.json_mode:
            self.terminal.write_json(answer.to_json(with_resolved=True))
        elif self.terminal.rich:
            print_rich(self.terminal.out, render_rich(answer), self.get_tutor().index.short_id)
        else:
            self.terminal.out.print(render_plain(answer), soft_wrap=self.terminal.soft_wrap)
            self.terminal.out.print()

    def _emit_text(self, text: str, command: str) -> None:
        self._emit(Text(text), command)

    def _emit_rows(self, heading: str, rows: list[tuple[str, str]], command: str) -> None:
        """A heading and marked rows ("12.", "✓"). On a styled terminal a long row wraps under its
        own text, not under its mark (at 80 columns /history and /progress wrapped to the left edge:
        a tester's); elsewhere, and in JSON, one plain line per row."""
        if not self._styled():
            lines = [heading] if heading else []
            self._emit_text("\n".join(lines + [f"{mark} {text}" for mark, text in rows]), command=command)
            return
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for mark, text in rows:
            grid.add_row(mark, Text(text))
        self._emit(Group(Text(heading), grid) if heading else grid, command)

    def _emit(self, renderable, command: str) -> None:
        if self.json_mode:
            buffer = io.StringIO()
            Console(file=buffer, width=100, no_color=True, highlight=False).print(renderable, soft_wrap=True)
            self.terminal.write_json({"command": command, "output": buffer.getvalue().rstrip()})
        else:
            self.terminal.out.print(renderable, soft_wrap=self.terminal.soft_wrap)

    def toolbar(self) -> str:
        topic = self.conversation.topic_text or "—"
        due = ""
        if self.store is not None:
            try:
                due = f" │ quiz: {self.store.due_count(now())} due now"
            except Exception:  # noqa: BLE001 — the toolbar must never break the prompt
                due = ""
        fixed = f" level: {self.level} │ topic: {{}}{due} │ /help"
        room = max(8, self.terminal.out.width - len(fixed.format("")) - 1)
        if len(topic) > room:           # at 80 columns a long topic pushed "/help" off the line
            topic = topic[:room - 1].rstrip(" ,") + "…"
        return fixed.format(topic)


def _closest(word: str, options: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, options, n=3, cutoff=0.7)     # "/bogus" is like no command
    return f"Did you mean {', '.join(close)}?" if close else ""


def _closest_term(typed: str, glossary) -> str:
    """"Did you mean …?" for /define: the terms whose name, alias or one longer word of them is
    close to what was typed ("leydg" → Leydig cells: beside the whole "Leydig cells" it was not, a
    tester's)."""
    import difflib

    names: dict[str, str] = {}
    for entry in glossary:
        for name in (entry.term, *entry.aliases):
            names.setdefault(name.lower(), entry.term)
            for word in name.split():
                if len(word) >= 5:
                    names.setdefault(word.lower(), entry.term)
    close = difflib.get_close_matches(typed.lower(), list(names), n=6, cutoff=0.7)
    terms = list(dict.fromkeys(names[c] for c in close))[:3]
    return f"Did you mean {', '.join(terms)}?" if terms else ""


def _quoted_run(answer: Answer, index) -> tuple[str, str]:
    """(first, last) of the passages cited that follow one another in the text around the first one
    cited: /next after an answer that quoted p2-2 and p2-3 goes on with p2-4, not p2-3 again (a
    tester's), and /prev after one that quoted p2-1 and p2-2 goes back to p2-0."""
    cited = {c.passage.id for c in answer.citations}
    passages = index.passages
    lo = hi = index.row[answer.citations[0].passage.id]
    while lo > 0 and passages[lo - 1].id in cited:
        lo -= 1
    while hi + 1 < len(passages) and passages[hi + 1].id in cited:
        hi += 1
    return passages[lo].id, passages[hi].id
