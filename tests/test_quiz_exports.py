"""The question bank leaves the site whole and right (hooks/reviser.py): every quiz of the
pages is in the mock exam's JSON bank, in the Moodle XML file and in both QTI packages,
with its options in the written order and the right ones marked."""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from hashlib import sha1

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import quizbank

pytestmark = pytest.mark.slow

QUIZZES = quizbank.parse_quizzes(ROOT / "docs")
QTI12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
QTI21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def qti_ident(quiz: quizbank.Quiz) -> str:
    return "quiz_" + sha1(quiz.key.encode()).hexdigest()[:10]


def test_json_bank_holds_every_quiz(built_site):
    bank = json.loads((built_site / "reviser/banque-questions.json").read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in bank}
    assert len(bank) == len(by_id) == len(QUIZZES)
    for quiz in QUIZZES:
        entry = by_id[quiz.key]
        assert entry["keys"] == quiz.keys, quiz.where()
        assert len(entry["options"]) == len(quiz.options), quiz.where()
        assert entry["multiple"] == (not quiz.single)
        assert entry["part"] == quiz.part and entry["partTitle"] == quiz.part_title
        assert entry["url"] == f"{quiz.url}#quiz-{quiz.index}"
        page = built_site / quiz.url / "index.html"
        assert f'id="quiz-{quiz.index}"' in page.read_text(encoding="utf-8"), quiz.where()
        assert entry["question"] and entry["explanation"], quiz.where()


def test_json_bank_links_are_relative_to_the_site_root(built_site):
    bank = json.loads((built_site / "reviser/banque-questions.json").read_text(encoding="utf-8"))
    for entry in bank:
        for fragment in [entry["question"], entry["explanation"], *entry["options"]]:
            for href in re.findall(r'href="([^"]*)"', fragment):
                assert not href.startswith(("../", "#")), (entry["id"], href)


# --- Moodle XML ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def moodle(built_site):
    return ET.parse(built_site / "reviser/exports/banque-moodle.xml").getroot()


def moodle_questions(root) -> dict[str, tuple[str, ET.Element]]:
    """idnumber -> (category path, question element)."""
    found = {}
    category = None
    for question in root.findall("question"):
        if question.get("type") == "category":
            category = question.findtext("category/text")
        else:
            found[question.findtext("idnumber")] = (category, question)
    return found


def test_moodle_xml_structure(moodle):
    assert moodle.tag == "quiz"
    types = {q.get("type") for q in moodle.findall("question")}
    assert types == {"category", "multichoice"}
    categories = [q.findtext("category/text") for q in moodle.findall("question[@type='category']")]
    parts = sorted({q.part for q in QUIZZES})  # the bank is sorted by page path
    titles = [quizbank.PARTS.get(part, "Autres pages") for part in parts]
    assert categories == [
        f"$course$/top/Marketing stratégique et relation client/{t}" for t in titles
    ]
    for question in moodle.findall("question[@type='multichoice']"):
        ident = question.findtext("idnumber")
        for path in (
            "name/text",
            "questiontext/text",
            "generalfeedback/text",
            "single",
            "shuffleanswers",
            "defaultgrade",
            "answernumbering",
        ):
            assert (question.findtext(path) or "").strip(), f"{ident}: no {path}"
        assert question.find("questiontext").get("format") == "html"
        answers = question.findall("answer")
        assert len(answers) >= 2, ident
        for answer in answers:
            assert (answer.findtext("text") or "").strip(), ident
            assert answer.find("feedback/text") is not None, ident
        fractions = [float(a.get("fraction")) for a in answers]
        if question.findtext("single") == "true":
            assert sorted(fractions)[-1] == 100 and sorted(fractions)[:-1] == [0] * (
                len(fractions) - 1
            ), ident
        else:
            assert abs(sum(f for f in fractions if f > 0) - 100) < 0.01, ident
            negatives = [f for f in fractions if f < 0]
            assert not negatives or abs(sum(negatives) + 100) < 0.01, ident


def test_moodle_xml_holds_every_quiz_with_its_keys(moodle):
    found = moodle_questions(moodle)
    assert len(found) == len(QUIZZES)
    for quiz in QUIZZES:
        category, question = found[quiz.key]
        assert category.endswith("/" + quiz.part_title), quiz.where()
        assert question.findtext("single") == ("true" if quiz.single else "false"), quiz.where()
        fractions = [float(a.get("fraction")) for a in question.findall("answer")]
        assert [f > 0 for f in fractions] == quiz.correct, quiz.where()
        first_words = " ".join(re.sub(r"[*_`$\\]", "", quiz.question).split()[:3])
        text = re.sub(r"<[^>]+>", "", question.findtext("questiontext/text"))
        assert (
            " ".join(text.split()[:3])
            .replace("\u202f", " ")
            .replace("\xa0", " ")
            .replace("\u2019", "'")  # the build's typographic apostrophe
            == first_words
        ), quiz.where()


# --- QTI -------------------------------------------------------------------------------


def read_zip(path) -> dict[str, ET.Element]:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
        return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}


def test_qti12_holds_every_quiz_with_its_keys(built_site):
    files = read_zip(built_site / "reviser/exports/banque-qti12.zip")
    assert "imsmanifest.xml" in files and "assessment.xml" in files
    refs = [ref.get("linkrefid") for ref in files["assessment.xml"].iter(f"{QTI12}itemref")]
    assert len(refs) == len(QUIZZES)
    for quiz in QUIZZES:
        item = files[f"items/{qti_ident(quiz)}.xml"].find(f"{QTI12}item")
        labels = [label.get("ident") for label in item.iter(f"{QTI12}response_label")]
        assert labels == [f"{qti_ident(quiz)}_a{i}" for i in range(len(quiz.options))], quiz.where()
        right = set()
        for condition in item.iter(f"{QTI12}respcondition"):
            if float(condition.findtext(f"{QTI12}setvar")) > 0:
                right.add(condition.findtext(f"{QTI12}conditionvar/{QTI12}varequal"))
        assert right == {labels[i] for i in quiz.keys}, quiz.where()
        cardinality = item.find(f".//{QTI12}response_lid").get("rcardinality")
        assert cardinality == ("Single" if quiz.single else "Multiple"), quiz.where()


def test_qti21_holds_every_quiz_with_its_keys(built_site):
    files = read_zip(built_site / "reviser/exports/banque-qti21.zip")
    for quiz in QUIZZES:
        item = files[f"items/{qti_ident(quiz)}.xml"]
        choices = [c.get("identifier") for c in item.iter(f"{QTI21}simpleChoice")]
        assert len(choices) == len(quiz.options), quiz.where()
        values = {
            v.text for v in item.iter(f"{QTI21}value") if v.text and v.text.startswith("quiz_")
        }
        assert values == {choices[i] for i in quiz.keys}, quiz.where()


def test_exports_are_linked_from_the_teachers_page(built_site):
    page = (built_site / "reviser/enseignants/index.html").read_text(encoding="utf-8")
    for name in ("banque-moodle.xml", "banque-qti12.zip", "banque-qti21.zip"):
        assert f'href="../exports/{name}"' in page, name
