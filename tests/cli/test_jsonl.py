"""Reading input: one message from a file or stdin, and JSONL batches checked in full."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.errors import BadLines, EmptyMessage, FileError, NoMessages, NotUtf8, Problem
from bot.cli.jsonl import Record, decode_message, json_type, parse_jsonl, read_input
from tests.cli.helpers import GOOD, SEED_QUOTE, bad_file, feed_stdin, run, write_jsonl


def test_draft_strips_a_utf8_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = tmp_path / "bom.txt"
    message.write_bytes(b"\xef\xbb\xbf" + SEED_QUOTE.encode())
    code, out, _ = run(["draft", str(message), "--json"], capsys)
    assert code == 0
    for signal in json.loads(out)["signals"]:
        assert "\ufeff" not in (signal["quote"] or "")


def test_draft_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    code, out, err = run(["draft", str(missing)], capsys)
    assert code == 2 and out == ""
    assert f"{missing}: no such file" in err
    assert "Traceback" not in err


def test_draft_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["draft", str(tmp_path)], capsys)
    assert code == 2 and "is a directory" in err


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \n"])
def test_draft_empty_file(
    content: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    code, out, err = run(["draft", str(empty)], capsys)
    assert code == 2 and out == ""
    assert f"{empty}: the file is empty" in err


def test_draft_empty_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_stdin(monkeypatch, b"")
    code, out, err = run(["draft"], capsys)
    assert code == 2 and out == ""
    assert "<stdin>: no message on stdin" in err


def test_draft_non_utf8_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Hello,\nI saw your café post\n".encode("latin-1"))
    code, out, err = run(["draft", str(latin1)], capsys)
    assert code == 2 and out == ""
    assert f"{latin1}:2: not UTF-8" in err
    assert "0xe9" in err


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (b'{"text": "unterminated', "not valid JSON"),
        (b"[1, 2, 3]", "expected a JSON object"),
        (b'"just a string"', "expected a JSON object"),
        (b'{"id": "x"}', 'missing "text"'),
        (b'{"text": 42}', '"text" must be a string'),
        (b'{"text": null}', '"text" must be a string'),
        (b'{"text": "   "}', '"text" is empty'),
        (b'{"text": ""}', '"text" is empty'),
        (b'{"text": "hi", "id": {"a": 1}}', '"id" must be a string'),
        ('{"text": "caf\u00e9"}'.encode("latin-1"), "not UTF-8"),
    ],
)
@pytest.mark.parametrize("command", ["assess", "eval"])
def test_each_bad_line_is_named_and_stops_the_run(
    bad_line: bytes,
    message: str,
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if command == "eval" and bad_line.startswith(b"{") and bad_line.endswith(b"}"):
        bad_line = bad_line[:-1] + b', "label": "genuine"}'  # only the named problem remains
    path = bad_file(tmp_path, [GOOD, GOOD, bad_line, GOOD])
    out_file = tmp_path / "out.jsonl"
    argv = [command, "--jsonl", str(path)]
    if command == "assess":
        argv += ["--out", str(out_file)]
    code, out, err = run(argv, capsys)
    assert code == 2
    assert out == ""
    assert not out_file.exists()  # no partial output
    assert f"{path}:3: " in err
    assert message in err
    assert "nothing was processed" in err
    assert "Traceback" not in err
    for good_line in (1, 2, 4):
        assert f"{path}:{good_line}:" not in err


def test_every_bad_line_is_reported_up_to_twenty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_file(tmp_path, [GOOD] + [b"nope"] * 25)
    code, _, err = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 2
    assert "25 bad line(s)" in err
    for line in range(2, 22):
        assert f"{path}:{line}: not valid JSON" in err
    assert f"{path}:22:" not in err
    assert "... and 5 more" in err


def test_several_problems_on_one_line_are_all_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_file(tmp_path, [GOOD, b'{"text": 1, "label": "spam"}'])
    code, _, err = run(["eval", "--jsonl", str(path)], capsys)
    assert code == 2
    line = next(x for x in err.splitlines() if f"{path}:2:" in x)
    assert '"text" must be a string' in line and "unknown label 'spam'" in line


def test_duplicate_ids_are_rejected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "dup.jsonl", [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}])
    code, _, err = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 2
    assert f"{path}:2: id 'a' repeats the id on line 1" in err


@pytest.mark.parametrize("content", [b"", b"\n\n   \n"])
@pytest.mark.parametrize("command", ["assess", "eval"])
def test_empty_jsonl(
    content: bytes, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(content)
    code, out, err = run([command, "--jsonl", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}: no messages" in err


@pytest.mark.parametrize("command", ["assess", "eval"])
def test_missing_jsonl(command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    code, out, err = run([command, "--jsonl", str(missing)], capsys)
    assert code == 2 and out == ""
    assert f"{missing}: no such file" in err


def test_eval_unknown_or_missing_label(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = bad_file(
        tmp_path,
        [
            GOOD,
            b'{"text": "hi", "label": "spam"}',
            b'{"text": "hi"}',
            b'{"text": "hi", "label": 3}',
        ],
    )
    code, out, err = run(["eval", "--jsonl", str(path)], capsys)
    assert code == 2 and out == ""
    assert f"{path}:2: unknown label 'spam' (expected one of: sales_pitch," in err
    assert f'{path}:3: missing "label"' in err
    assert f'{path}:4: "label" must be a string' in err


def test_assess_does_not_need_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_jsonl(tmp_path / "in.jsonl", [{"text": "hi there", "label": "not-a-category"}])
    code, _, _ = run(["assess", "--jsonl", str(path)], capsys)
    assert code == 0


def test_parse_jsonl_keeps_order_ids_and_line_numbers() -> None:
    data = b'\xef\xbb\xbf{"text": "a", "id": 7}\n\n{"text": " b "}\n{"text": "c", "id": " x "}'
    records = parse_jsonl(data, "f")
    assert records == [
        Record(line=1, id="7", text="a"),
        Record(line=3, id="3", text=" b "),  # no id: the line number; text kept as written
        Record(line=4, id="x", text="c"),
    ]


def test_parse_jsonl_labelled_keeps_label_and_generic() -> None:
    data = b'{"text": "a", "label": "scam", "generic": true}\n{"text": "b", "label": "genuine"}\n'
    records = parse_jsonl(data, "f", labelled=True)
    assert [(r.label, r.generic) for r in records] == [("scam", True), ("genuine", None)]
    # Unlabelled reading ignores both fields' validity.
    assert parse_jsonl(b'{"text": "a", "label": 3, "generic": "?"}', "f")[0].text == "a"


def test_decode_message_strips_blank_edges_and_a_bom() -> None:
    assert decode_message(b"\xef\xbb\xbf  hello\n\n", "m.txt") == "hello"


def test_read_input_reads_a_file_or_stdin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.txt"
    path.write_bytes(b"from a file")
    assert read_input(str(path)) == (b"from a file", str(path))
    feed_stdin(monkeypatch, b"from stdin")
    assert read_input("-") == (b"from stdin", "<stdin>")
    feed_stdin(monkeypatch, b"again")
    assert read_input(None) == (b"again", "<stdin>")


def bad_lines(data: bytes, *, labelled: bool = False) -> dict[int, tuple[Problem, ...]]:
    with pytest.raises(BadLines) as caught:
        parse_jsonl(data, "f", labelled=labelled)
    assert caught.value.name == "f"
    return {b.line: b.problems for b in caught.value.lines}


def test_bad_lines_are_data_one_entry_per_line() -> None:
    data = b"\n".join(
        [
            b'{"text": "ok", "id": "a"}',
            b"{oops",
            b"[1]",
            b'{"text": 1, "id": true}',
            b'{"text": "x", "id": "a"}',
            b"\xff",
            b'{"text": "  ", "id": " "}',
        ]
    )
    assert bad_lines(data) == {
        2: (
            Problem(
                "not_json", value="Expecting property name enclosed in double quotes", column=2
            ),
        ),
        3: (Problem("not_object", got="array"),),
        4: (
            Problem("wrong_type", field="text", got="number"),
            Problem("wrong_type", field="id", got="boolean"),
        ),
        5: (Problem("repeated_id", value="a", other_line=1),),
        6: (Problem("not_utf8", value=0xFF, column=1),),
        7: (Problem("empty", field="text"), Problem("empty", field="id")),
    }


def test_labelled_problems() -> None:
    data = (
        b'{"text": "a"}\n{"text": "a", "label": "spam", "generic": 1}\n{"text": "a", "label": null}'
    )
    assert bad_lines(data, labelled=True) == {
        1: (Problem("missing", field="label"),),
        2: (
            Problem("unknown_label", value="spam"),
            Problem("wrong_type", field="generic", got="number"),
        ),
        3: (Problem("wrong_type", field="label", got="null"),),
    }


@pytest.mark.parametrize(
    ("data", "empty"),
    [(b"", True), (b"\n \n\t", True), ("\u00a0\n".encode(), False)],  # a no-break space
)
def test_no_messages_says_whether_the_file_is_empty(data: bytes, empty: bool) -> None:
    with pytest.raises(NoMessages) as caught:
        parse_jsonl(data, "f")
    assert caught.value.empty is empty


def test_decode_message_errors_carry_where() -> None:
    with pytest.raises(NotUtf8) as caught:
        decode_message(b"ok\nab\xe9", "m.txt")
    assert (caught.value.line, caught.value.column, caught.value.byte) == (2, 3, 0xE9)
    with pytest.raises(EmptyMessage):
        decode_message(b" \n\t", "m.txt")


def test_read_input_errors_carry_the_reason(tmp_path: Path) -> None:
    with pytest.raises(FileError) as caught:
        read_input(str(tmp_path / "nope"))
    assert (caught.value.name, caught.value.reason) == (str(tmp_path / "nope"), "missing")
    with pytest.raises(FileError) as caught:
        read_input(str(tmp_path))
    assert caught.value.reason == "directory"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "null"), (True, "boolean"), (1, "number"), (1.5, "number"), ("", "string"),
     ([], "array"), ({}, "object")],
)  # fmt: skip
def test_json_type(value: object, expected: str) -> None:
    assert json_type(value) == expected
