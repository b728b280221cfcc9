"""Loading articles: formats, broken input, boilerplate, dedup, dates."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from analysis import articles as art
from analysis.articles import Article, Skipped, dedupe, load_articles, parse_date, strip_boilerplate

FIXTURES = Path(__file__).parent / "fixtures" / "articles"
REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_bce03ffcd1c7d681.txt"

P1 = ("GENEVA, June 3 (Reuters) - The United Nations refugee agency said on Monday it needed "
      "an extra $400 million to support people fleeing fighting in Sudan, as aid convoys remained "
      "blocked at the border.")
P2 = ('"We are running out of time and out of money," UNHCR chief Filippo Grandi told a news '
      "conference, urging donors to deliver on pledges made in Paris in April.")
P3 = ("Sudan's army-aligned government rejected the criticism and said it had opened two "
      "crossings for humanitarian deliveries last week.")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


# --------------------------------------------------------------------------
# .txt
# --------------------------------------------------------------------------


def test_txt_with_sidecar(tmp_path):
    txt = write(tmp_path / "unhcr_sudan.txt", story(P1, P2, P3))
    write(tmp_path / "unhcr_sudan.meta.json", json.dumps({
        "id": "reuters-0603-sudan", "title": "UN seeks $400 mln for Sudan refugees",
        "published": "2024-06-03T14:05:00+02:00", "source": "Reuters",
        "url": "https://example.org/sudan", "language": "en-GB"}))

    articles, skipped = load_articles([tmp_path])

    assert skipped == []
    assert len(articles) == 1  # the sidecar is not an article
    a = articles[0]
    assert a == Article(id="reuters-0603-sudan", text=story(P1, P2, P3).rstrip(),
                        title="UN seeks $400 mln for Sudan refugees", published=dt.date(2024, 6, 3),
                        source="Reuters", url="https://example.org/sudan", language="en", path=str(txt))


def test_txt_without_sidecar_uses_stem_and_no_date(tmp_path):
    txt = write(tmp_path / "sudan_aid.txt", story(P1, P2))
    os.utime(txt, (1_600_000_000, 1_600_000_000))  # an mtime must never become a date

    [a], skipped = load_articles([txt])

    assert skipped == []
    assert (a.id, a.title, a.published, a.source, a.url, a.language) == ("sudan_aid", None, None, None, None, "en")
    assert a.text == P1 + "\n\n" + P2


def test_txt_crlf_and_bom_are_normalised(tmp_path):
    txt = write(tmp_path / "crlf.txt", ("\ufeff" + P1 + "\r\n\r\n" + P2 + "\r\n").encode("utf-8"))
    [a], _ = load_articles([txt])
    assert a.text == P1 + "\n\n" + P2


def test_sidecar_passed_explicitly_is_not_an_article(tmp_path):
    txt = write(tmp_path / "a.txt", P1)
    meta = write(tmp_path / "a.meta.json", '{"title": "T"}')
    articles, skipped = load_articles([txt, meta])
    assert [a.title for a in articles] == ["T"] and skipped == []


def test_orphan_and_broken_sidecars_are_reported(tmp_path):
    write(tmp_path / "lost.meta.json", '{"title": "no article"}')
    write(tmp_path / "b.txt", P2)
    write(tmp_path / "b.meta.json", '{"title": "oops",')

    articles, skipped = load_articles([tmp_path])

    assert [a.id for a in articles] == ["b"]  # the article survives its broken sidecar
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert "no matching" in reasons["lost.meta.json"]
    assert "invalid JSON" in reasons["b.meta.json"]


# --------------------------------------------------------------------------
# .html
# --------------------------------------------------------------------------


def test_html_page_text_title_date_and_furniture():
    [a], skipped = load_articles([FIXTURES / "wire_story.html"])

    assert skipped == []
    assert a.id == "wire_story"
    assert a.title == "Finland and Estonia agree to link power grids under Baltic Sea"
    assert a.published == dt.date(2024, 3, 14)  # article:published_time, not modified_time
    assert a.source == "Northern Wire"
    assert a.url == "https://www.northernwire.example/world/europe/finland-estonia-grid-link"
    assert a.language == "en"
    paragraphs = a.text.split("\n\n")
    assert paragraphs[0].startswith("HELSINKI, March 14 (Northern Wire) - Finland and Estonia agreed")
    assert paragraphs[-1].startswith("The European Commission welcomed the agreement")
    assert any("Petteri Orpo told reporters" in p for p in paragraphs)
    for furniture in ("Sign up", "inbox", "unsubscribe", "Subscribe", "cookies", "Follow us", "READ MORE",
                      "Share this", "REUTERS/", "Photo:", "Advertisement", "All rights reserved",
                      "Baltic states set date", "World\n", "By Aino"):
        assert furniture not in a.text, furniture


def test_html_without_date_is_none_not_today():
    [a], _ = load_articles([FIXTURES / "no_date.html"])
    assert a.published is None
    assert a.title == "Chile's senate approves lithium partnership bill"
    assert "Advertisement" not in a.text and "Share this article" not in a.text
    assert a.text.endswith("before deciding on new investment.")


def test_html_without_date_takes_published_argument():
    [a], _ = load_articles([FIXTURES / "no_date.html"], published="2024-05-08")
    assert a.published == dt.date(2024, 5, 8)
    [b], _ = load_articles([FIXTURES / "wire_story.html"], published="2024-05-08")
    assert b.published == dt.date(2024, 3, 14)  # the page's own date wins


def test_html_page_dated_only_in_json_ld_or_time(tmp_path):
    body = ("<html lang='fr-FR'><head><title>X</title>{head}</head><body><article>{time}"
            f"<p>{P1}</p><p>{P2}</p>" "<p>{name} page.</p></article></body></html>")
    ld = '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2023-11-30"}]}</script>'
    write(tmp_path / "ld.html", body.format(head=ld, time="", name="ld"))
    write(tmp_path / "time.html", body.format(head="", time='<time datetime="2023-10-02T08:00:00Z">2 Oct</time>', name="time"))
    write(tmp_path / "copyright.html", body.format(head="", time="<p>Copyright 2021 Example Media</p>", name="copyright"))
    got = {a.id: a for a in load_articles([tmp_path])[0]}
    assert got["ld"].published == dt.date(2023, 11, 30)
    assert got["ld"].language == "fr"
    assert got["time"].published == dt.date(2023, 10, 2)
    assert got["copyright"].published is None  # a copyright year is not a publication date


def test_empty_html_is_skipped(tmp_path):
    page = write(tmp_path / "empty.html", "<html><body><nav>Home</nav></body></html>")
    articles, [s] = load_articles([page])
    assert articles == [] and s.path == str(page) and "no article text" in s.reason


# --------------------------------------------------------------------------
# .json / .jsonl / .csv
# --------------------------------------------------------------------------


def test_json_object(tmp_path):
    path = write(tmp_path / "one.json", json.dumps(
        {"id": 17, "text": story(P1, P2), "title": "UN appeal", "published": "3 June 2024",
         "source": {"id": "reuters", "name": "Reuters"}, "url": "https://example.org/a"}))
    [a], skipped = load_articles([path])
    assert skipped == []
    assert (a.id, a.title, a.published, a.source, a.path) == ("17", "UN appeal", dt.date(2024, 6, 3), "Reuters", str(path))


def test_json_list_with_hash_ids(tmp_path):
    path = write(tmp_path / "many.json", json.dumps([
        {"text": P1, "published": "2024-06-03"},
        {"headline": "Army responds", "body": P3},
        "not an object",
        {"title": "no text here"},
    ]))
    articles, skipped = load_articles([path])

    assert [a.text for a in articles] == [P1, P3]
    assert all(re.fullmatch(r"[0-9a-f]{16}", a.id) for a in articles)
    assert articles[0].id == art.text_id(P1)
    assert articles[1].title == "Army responds"
    assert [a.path for a in articles] == [f"{path}[0]", f"{path}[1]"]
    assert {s.path: s.reason for s in skipped} == {
        f"{path}[2]": "expected a JSON object with a 'text' field, got a string",
        f"{path}[3]": "no 'text' field",
    }
    # the hash id is stable: same text, same id, whatever the file
    again = write(tmp_path / "again.jsonl", json.dumps({"text": "  " + P1 + "\n"}) + "\n")
    assert load_articles([again])[0][0].id == articles[0].id


def test_jsonl_with_broken_line(tmp_path):
    lines = [json.dumps({"id": "a", "text": P1}), '{"id": "b", "text": "unterminated', "",
             json.dumps({"id": "c", "text": P2, "published": "2024-06-04"})]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")

    articles, skipped = load_articles([path])

    assert [(a.id, a.path) for a in articles] == [("a", f"{path}:1"), ("c", f"{path}:4")]
    assert articles[1].published == dt.date(2024, 6, 4)
    [s] = skipped
    assert s.path == f"{path}:2" and s.reason.startswith("invalid JSON")


def test_csv(tmp_path):
    path = write(tmp_path / "wire.csv",
                 "id,title,published,source,url,text\n"
                 f'r1,Sudan appeal,"June 3, 2024",Reuters,https://example.org/1,"{P1}\n\n{P2.replace(chr(34), chr(34) * 2)}"\n'
                 "r2,Empty row,2024-06-03,AP,,\n"
                 f"r3,Army,,AFP,,{P3}\n")
    articles, skipped = load_articles([path], published=dt.date(2024, 6, 5))

    assert [a.id for a in articles] == ["r1", "r3"]
    assert articles[0].text == P1 + "\n\n" + P2
    assert articles[0].published == dt.date(2024, 6, 3)
    assert articles[1].published == dt.date(2024, 6, 5)  # from the argument
    assert articles[1].url is None
    [s] = skipped
    assert s.path == f"{path}:5" and s.reason == "no 'text' field"  # line 5: after a 3-line record


def test_csv_without_text_column(tmp_path):
    path = write(tmp_path / "bad.csv", "id,title\n1,x\n")
    assert load_articles([path]) == ([], [Skipped(str(path), "CSV has no text column (header: id, title)")])


# --------------------------------------------------------------------------
# folders, broken input
# --------------------------------------------------------------------------


def test_folder_mix_is_recursive_sorted_and_deterministic(tmp_path):
    write(tmp_path / "b.txt", P1)
    write(tmp_path / "b.meta.json", '{"title": "B"}')
    write(tmp_path / "a.jsonl", json.dumps({"id": "j1", "text": P2}) + "\n")
    write(tmp_path / "sub" / "page.html", (FIXTURES / "no_date.html").read_text())
    write(tmp_path / "sub" / "deeper" / "c.csv", f"id,text\nc1,{P3}\n")
    write(tmp_path / "sub" / "z.json", json.dumps({"id": "z", "text": "Unrelated statement by the foreign ministry."}))
    write(tmp_path / "notes.md", "# not an article")
    write(tmp_path / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write(tmp_path / ".hidden" / "x.txt", "hidden")

    first = load_articles([tmp_path])
    second = load_articles([str(tmp_path)])

    assert first == second
    articles, skipped = first
    assert skipped == []
    assert [a.id for a in articles] == ["j1", "b", "c1", "page", "z"]  # a.jsonl, b.txt, sub/deeper/c.csv, sub/page.html, sub/z.json
    assert articles[1].title == "B"


def test_broken_files_do_not_stop_the_batch(tmp_path):
    write(tmp_path / "1_good.txt", P1)
    write(tmp_path / "2_bad.json", '{"text": "missing brace"')
    write(tmp_path / "3_latin1.txt", "Le ministre a déclaré".encode("latin-1"))
    write(tmp_path / "4_empty.txt", "  \n\n ")
    write(tmp_path / "5_list.json", "42")
    write(tmp_path / "6_binary.txt", b"\x00\x01\x02")
    write(tmp_path / "7_good.json", json.dumps({"text": P2}))

    articles, skipped = load_articles([tmp_path])

    assert [a.text for a in articles] == [P1, P2]
    reasons = {Path(s.path).name: s.reason for s in skipped}
    assert reasons == {
        "2_bad.json": "invalid JSON (Expecting ',' delimiter at line 1 column 25)",
        "3_latin1.txt": "not UTF-8 text (undecodable byte at offset 15)",
        "4_empty.txt": "text is empty",
        "5_list.json": "expected a JSON object or a list of objects, got a number",
        "6_binary.txt": "binary file (contains NUL bytes), not text",
    }


def test_missing_path_and_unknown_extension(tmp_path):
    pdf = write(tmp_path / "report.pdf", b"%PDF-1.4")
    good = write(tmp_path / "ok.txt", P1)
    missing = tmp_path / "nope.txt"

    articles, skipped = load_articles([missing, pdf, good, tmp_path / "no_folder"])

    assert [a.id for a in articles] == ["ok"]
    assert skipped[0] == Skipped(str(missing), "no such file or directory")
    assert skipped[1].path == str(pdf) and "unsupported file type '.pdf'" in skipped[1].reason
    assert skipped[2].reason == "no such file or directory"
    # the same pdf inside a folder is ignored silently
    assert load_articles([tmp_path])[1] == []


def test_single_path_string_is_one_path(tmp_path):
    write(tmp_path / "x.txt", P1)
    assert [a.id for a in load_articles(str(tmp_path / "x.txt"))[0]] == ["x"]


def test_same_file_twice_is_read_once(tmp_path):
    f = write(tmp_path / "x.txt", P1)
    assert load_articles([f, tmp_path, f]) == load_articles([f])


def test_text_that_is_only_furniture_is_skipped(tmp_path):
    f = write(tmp_path / "footer.txt", "Sign up for our newsletter\n\nAdvertisement\n\nShare this article\n")
    assert load_articles([f]) == ([], [Skipped(str(f), "no article text left after removing page furniture "
                                                       "(newsletter, share, caption lines)")])


# --------------------------------------------------------------------------
# strip_boilerplate
# --------------------------------------------------------------------------

FURNITURE = [
    # newsletters and sign-up forms
    "Sign up for our Morning Briefing newsletter",
    "Subscribe to our daily news alerts",
    "Get our top stories delivered straight to your inbox:",
    "Get the latest headlines in your inbox every morning",
    "Please select at least one newsletter.",
    "Enter your email address",
    "You can unsubscribe at any time. See our privacy notice for details.",
    "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy.",
    "Thank you for subscribing!",
    "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
    "We use cookies to give you the best experience on our website.",
    "Already a subscriber? Log in",
    # sharing, ads, social
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Share this article",
    "Share on WhatsApp",
    "Facebook | Twitter | Email",
    "Follow us on X, Facebook and Instagram",
    "Follow Al Jazeera English:",
    "Continue reading the main story",
    "Published On 3 Jun 2024",
    "Updated 2 hours ago",
    "Copyright 2024 The Associated Press. All rights reserved.",
    "© 2024 Example Media Group",
    "Source: Al Jazeera and news agencies",
    "WATCH: Aid trucks stuck at the Adre crossing",
    "Read more: Sudan's forgotten war enters second year",
    # photos
    "Photo: Ahmed Satti/Anadolu via Getty Images",
    "(Photo by AHMED SATTI / AFP)",
    "(AP Photo/Evan Vucci)",
    "Image caption, Refugees wait for food at a camp in Adre, Chad",
    "Image source, Getty Images",
    "Getty Images",
    "AFP via Getty Images",
    "REUTERS/Zohra Bensemra",
    "Refugees queue for water at a camp in Adre, Chad, May 5, 2024. REUTERS/Zohra Bensemra/File Photo",
    "A convoy waits at the border. Photograph: Mohamed Nureldin Abdallah/Reuters",
    "Sudanese refugees cross into Chad [File: Zohra Bensemra/Reuters]",
    # wire credits
    "Reporting by Emma Farge in Geneva; Editing by Alison Williams",
    "Associated Press writer Sam Mednick in Dakar, Senegal, contributed to this report.",
    "By Emma Farge and Nafisa Eltahir",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_paragraph_is_removed(line):
    assert strip_boilerplate(story(P1, line, P2)) == P1 + "\n\n" + P2


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_line_inside_a_paragraph_is_removed(line):
    assert strip_boilerplate(P1 + "\n" + line + "\n" + P2) == P1 + "\n" + P2


def test_newsletter_footer_block_is_removed():
    text = story(P1, P2, "\u00a0", "Sign up to our free newsletters",
                 "Get the best updates straight to your inbox:\nPlease select at least one mailing list.",
                 "You can unsubscribe at any time by clicking the link in the footer of our emails. "
                 "By subscribing, you acknowledge that your data will be processed in line with our privacy policy.")
    assert strip_boilerplate(text) == P1 + "\n\n" + P2


@pytest.mark.parametrize("label", ["Related", "Read more", "More on this story", "Most read", "RELATED STORIES:",
                                   "You may also like", "Editor\u2019s picks"])
def test_headline_list_is_removed(label):
    headlines = "Sudan's army retakes key bridge\nWhy the war in Darfur matters\nChad opens new camp for 20,000 refugees"
    # the label and its headlines in one block
    assert strip_boilerplate(story(P1, label + "\n" + headlines, P2)) == P1 + "\n\n" + P2
    # the label on its own, the headlines as the next block
    assert strip_boilerplate(story(P1, label, headlines, P2)) == P1 + "\n\n" + P2
    # the label followed by article text in the same block: only the headlines go
    assert strip_boilerplate(story(P1, label + "\n" + headlines + "\n" + P2, P3)) == P1 + "\n\n" + P2 + "\n\n" + P3


def test_label_followed_by_real_paragraph_keeps_the_paragraph():
    assert strip_boilerplate(story(P1, "Read more", P2, P3)) == story(P1, P2, P3).rstrip()


def test_real_sentences_mentioning_furniture_words_stay():
    keep = [
        'The minister said citizens who "subscribe to the idea that the war can be won by force alone" were '
        "mistaken, and urged parliament to back the ceasefire plan.",
        "Officials said they would read more of the proposals before deciding, adding that no deal was close.",
        "The ministry released a photo of the damaged bridge on Tuesday. Photo evidence shared by the army could "
        "not be independently verified, Reuters said.",
        "He told supporters to follow the example of neighbouring states and sign up to the regional defence pact.",
        "Advertisement campaigns paid for by the government have urged young men to sign up for the army.",
        "The European Union said it would share the burden of hosting refugees, according to a draft seen by AFP.",
        "Related talks in Jeddah stalled last month.",
        "Pictures by local journalists showed the damage.",
        "He spoke in an interview for Reuters.",
        "Sign in Kyiv reads: Glory to Ukraine.",
        "By Friday, the army had retaken the bridge.",
        "Writing by hand, the minister signed the decree.",
        "Copyright law was not discussed, the spokesman said.",
        "Support for sending troops fell to 23%, according to a new AP/NORC poll.",
        "Sources: the ministry and two diplomats briefed on the talks said no decision had been taken.",
        "Sources: no decision yet. Talks resume on Monday, the ministry said.",
        "Get the details right, the minister told the inquiry, or the e-mail trail will mislead everyone.",
    ]
    text = story(P1, *keep, P2)
    assert strip_boilerplate(text) == text.rstrip()


def test_kept_text_is_byte_identical():
    odd = "  Indented  line with  double spaces\u00a0\nand a second line\t"
    text = "\n" + odd + "\n\n\n" + "Advertisement\n\n \u00a0\n\n" + P1 + " \n\n" + "Share this article\n"
    cleaned = strip_boilerplate(text)
    assert cleaned == "\n" + odd + "\n\n \u00a0\n\n" + P1  # separators come from the original
    assert strip_boilerplate(cleaned) == cleaned


def test_boilerplate_patterns_come_from_the_data_file():
    assert art.BOILERPLATE_FILE == REPO / "data" / "boilerplate.txt"
    patterns = art._load_patterns(str(art.BOILERPLATE_FILE))
    assert len(patterns.furniture) > 20 and len(patterns.list_headings) > 3


def test_bad_pattern_file_reports_line(tmp_path):
    f = write(tmp_path / "bp.txt", "# comment\n[furniture]\nok\n(unclosed\n")
    with pytest.raises(ValueError, match=r"bp.txt:4"):
        art._load_patterns(str(f))


def test_seed_article_footer_is_stripped():
    raw = SEED.read_text(encoding="utf-8")
    [a], skipped = load_articles([SEED])
    assert skipped == []
    assert a.id == "000_bce03ffcd1c7d681" and a.published == dt.date(2024, 2, 27)
    assert raw.startswith(a.text)  # only the footer is gone, the rest is byte-identical
    assert a.text.endswith("showed unverified images purporting to show the vehicles on fire.")
    for gone in ("Sign up", "inbox", "mailing list", "unsubscribe", "Mailchimp"):
        assert gone not in a.text


# --------------------------------------------------------------------------
# dedupe
# --------------------------------------------------------------------------


def test_dedupe_ignores_quotes_case_and_whitespace():
    a = Article(id="a", text='\u201cWe will not send troops,\u201d he said.\n\nThe minister\u2019s office agreed.', path="a.txt")
    b = Article(id="b", text='"We will  not send troops," he said.\nThe minister\'s office AGREED.', path="b.txt")
    c = Article(id="c", text="Something else entirely.", path="c.txt")
    kept, skipped = dedupe([a, b, c])
    assert kept == [a, c]
    assert skipped == [Skipped("b.txt", "duplicate of a")]


def test_dedupe_same_id_different_text_gets_unique_id():
    a = Article(id="story", text=P1)
    b = Article(id="story", text=P2)
    kept, skipped = dedupe([a, b])
    assert skipped == []
    assert kept[0] == a
    assert kept[1].id == "story-" + art._sha1(art.normalize_text(P2))[:8]
    assert kept[1].text == P2


def test_load_articles_dedupes_across_formats(tmp_path):
    write(tmp_path / "a" / "story.txt", P1)
    write(tmp_path / "b" / "story.txt", P2)  # same id, different story
    write(tmp_path / "c.jsonl", json.dumps({"text": P1.replace("'", "\u2019") + "  "}) + "\n")
    articles, skipped = load_articles([tmp_path / "a", tmp_path / "b", tmp_path / "c.jsonl"])
    assert [a.text for a in articles] == [P1, P2]
    assert articles[0].id == "story" and articles[1].id.startswith("story-")
    assert skipped == [Skipped(f"{tmp_path / 'c.jsonl'}:1", "duplicate of story")]


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("2024-02-27", dt.date(2024, 2, 27)),
    ("2024-02-27T23:30:00-05:00", dt.date(2024, 2, 27)),
    ("2024-02-27 08:00:00Z", dt.date(2024, 2, 27)),
    ("20240227", dt.date(2024, 2, 27)),
    ("27 February 2024", dt.date(2024, 2, 27)),
    ("Feb 27, 2024 10:15 GMT", dt.date(2024, 2, 27)),
    ("Tue, 27 Feb 2024 09:41:00 +0000", dt.date(2024, 2, 27)),
    ("Published On 27 Feb 2024", dt.date(2024, 2, 27)),
    ("27/02/2024", dt.date(2024, 2, 27)),
    ("27 février 2024", dt.date(2024, 2, 27)),
    (dt.date(2024, 2, 27), dt.date(2024, 2, 27)),
    (dt.datetime(2024, 2, 27, 23, 59), dt.date(2024, 2, 27)),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [
    None, "", "   ", "no date here", "yesterday", "today", "2 days ago", "last week", "Tuesday",
    "March 2024", "2024", "14 March", "03/04/2024", "2024-02-30", 20240227, 1709020800, True, ["2024-02-27"],
])
def test_parse_date_never_invents(value):
    assert parse_date(value) is None


def test_published_argument_is_a_fallback_only(tmp_path):
    write(tmp_path / "dated.txt", P1)
    write(tmp_path / "dated.meta.json", '{"published": "2024-06-03"}')
    write(tmp_path / "undated.txt", P2)
    write(tmp_path / "vague.txt", P3)
    write(tmp_path / "vague.meta.json", '{"published": "last Tuesday"}')

    by_id = {a.id: a.published for a in load_articles([tmp_path], published="June 10, 2024")[0]}
    assert by_id == {"dated": dt.date(2024, 6, 3), "undated": dt.date(2024, 6, 10), "vague": dt.date(2024, 6, 10)}

    by_id = {a.id: a.published for a in load_articles([tmp_path])[0]}
    assert by_id == {"dated": dt.date(2024, 6, 3), "undated": None, "vague": None}


def test_bad_published_argument_raises(tmp_path):
    with pytest.raises(ValueError, match="not an unambiguous date"):
        load_articles([tmp_path], published="sometime")


def test_no_loader_invents_todays_date(tmp_path):
    write(tmp_path / "a.txt", P1)
    write(tmp_path / "b.json", json.dumps([{"text": P2, "published": "recently"}]))
    write(tmp_path / "c.csv", f"text,published\n{P3},\n")
    write(tmp_path / "d.html", (FIXTURES / "no_date.html").read_text())
    articles, skipped = load_articles([tmp_path])
    assert skipped == [] and len(articles) == 4
    assert [a.published for a in articles] == [None] * 4
