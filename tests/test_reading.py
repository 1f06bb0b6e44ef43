"""Reading articles as they come: encodings, HTML, boilerplate, manifests, bad input."""
from __future__ import annotations

import hashlib
import html as html_module
import logging
import os
import unicodedata
from pathlib import Path

import pytest

from thidua.errors import UnreadableInput
from thidua.loaders.encodings import LEGACY_ENCODINGS, decode_bytes, decode_legacy, encode_legacy
from thidua.loaders.reading import _os_reason, iter_article_paths, read_article, read_manifest

DATA = Path(__file__).resolve().parent / "data" / "reading"
SEEDS = sorted((Path(__file__).resolve().parent.parent / "articles").glob("*.txt"))
SEED_003 = next(path for path in SEEDS if path.name.startswith("003_"))
BOILERPLATE_MARKERS = ("Skip Ribbon Commands", "Skip to main content", "Trang chủ >", "Trang chủ |",
                       "Các tin khác", "Các bài mới đăng", "Các bài đã đăng", "Viết bình luận",
                       "Họ tên:(*)", "Mã xác nhận", "Cỡ chữ", "In bài", "IMG_", ".jpg", "Bản quyền")
# 8-bit encodings have no curly quotes or ellipsis; the replacement character has no byte either.
_EIGHT_BIT_SAFE = str.maketrans({"“": '"', "”": '"', "…": "...", "\ufffd": "?", "\u00a0": " "})


def seed_text(path: Path) -> str:
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- finding articles and manifests ---------------------------------------------------------

def test_iter_article_paths_recurses_sorts_and_skips_side_files(tmp_path):
    for name in ("b/2.txt", "b/deeper/3.HTM", "a.html", "1.txt", "manifest.tsv", "gold.jsonl",
                 "facts.txt", "notes.md", ".cache/x.txt", "b/gold.txt", "README.txt", "seeds-facts.jsonl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    direct = tmp_path / "notes.md"
    found = list(iter_article_paths([tmp_path, direct, tmp_path / "1.txt", tmp_path / "missing.txt",
                                     tmp_path / "seeds-facts.jsonl", tmp_path / "gold.jsonl"]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "1.txt", "a.html", "b/2.txt", "b/deeper/3.HTM", "missing.txt", "notes.md"]


def test_read_manifest_of_the_sample(sample_dir):
    manifest = read_manifest(sample_dir)
    assert manifest["000_1c16179c51bb800b"] == {"doc": "000_1c16179c51bb800b", "url": None,
                                                "jurisdiction": "thành phố Hải Phòng",
                                                "published": "2019-07-21"}
    assert manifest["003_2f19b7e13258856b"]["published"] is None


def test_missing_manifest_is_empty(tmp_path):
    assert read_manifest(tmp_path) == {}


@pytest.mark.parametrize("body, reason", [
    ("doc\turl\tjurisdiction\tpublished\na\t\t\t2019-07-21\tx\n", "line 2: 5 tab-separated fields"),
    ("doc\turl\tjurisdiction\tpublished\na\t\t\t\nb\t\t\t21 July\n", "line 3: published '21 July'"),
    ("url\tjurisdiction\n\t\n", "line 1: header"),
    ("doc\tpublished\na\t2019-01-01\na\t2019-01-02\n", "line 3: doc 'a' is listed twice"),
])
def test_malformed_manifest_names_file_and_line(tmp_path, body, reason):
    (tmp_path / "manifest.tsv").write_text(body, encoding="utf-8")
    with pytest.raises(UnreadableInput) as caught:
        read_manifest(tmp_path)
    assert caught.value.path == str(tmp_path / "manifest.tsv")
    assert reason in caught.value.reason


def test_manifest_row_fills_article_metadata(sample_dir):
    path = sample_dir / "000_1c16179c51bb800b.txt"
    article = read_article(path, read_manifest(sample_dir)[path.stem])
    assert (article.doc, article.jurisdiction, article.published) == (
        "000_1c16179c51bb800b", "thành phố Hải Phòng", "2019-07-21")
    assert article.source_path == str(path)
    assert article.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


# --- clean text from the seeds ------------------------------------------------------------------

@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_text_is_clean(path):
    article = read_article(path)
    text = article.text
    assert text == unicodedata.normalize("NFC", text)
    assert "\n\n\n" not in text and text == text.strip()
    assert all(line == line.strip() and "  " not in line for line in text.split("\n"))
    for marker in BOILERPLATE_MARKERS:
        assert marker not in text, marker


def test_bylines_captions_and_broken_characters_stay():
    text_002 = read_article(next(p for p in SEEDS if p.name.startswith("002_"))).text
    assert text_002.split("\n\n")[-1] == "Nguyễn Văn"  # the byline, before the comment form
    text_004 = read_article(next(p for p in SEEDS if p.name.startswith("004_"))).text
    assert "Ông Đặng Trong Thắng tặng hoa chúc mừng trưởng, phó KTĐKTN năm 2020" in text_004.split("\n\n")
    assert "triển khai có hiu quả" in read_article(SEED_003).text  # a typo in the source stays


def test_titles_and_datelines_of_the_seeds():
    by_prefix = {p.name[:3]: read_article(p) for p in SEEDS}
    assert by_prefix["000"].title is None  # the dateline, then the body: no headline
    assert by_prefix["000"].published == "2019-07-21"  # "Hải Phòng, ngày 21 tháng 07 năm 2019"
    assert by_prefix["002"].title == "Cụm thi đua số III tổng kết công tác thi đua, khen thưởng năm 2017"
    assert by_prefix["002"].published == "2017-11-02"  # "(22:15 02/11/2017)" after the headline
    assert by_prefix["003"].title.startswith("Khối thi đua Kinh tế ngành: Tổ chức hội nghị")
    assert by_prefix["003"].published is None
    # The portal prints the headline twice; the text keeps it once.
    assert by_prefix["003"].text.count(by_prefix["003"].title) == 1


@pytest.mark.parametrize("line, published", [
    ("Cập nhật: 24/12/2021 08:45", "2021-12-24"),
    ("Ngày đăng: 16/12/2023", "2023-12-16"),
    ("Thứ tư, 21/12/2022 - 15:30", "2022-12-21"),
    ("11/01/2023 | Lượt xem: 486", "2023-01-11"),
    ("Đăng lúc: 15/02/2023 - 16:20", "2023-02-15"),
    ("Ngày 20 tháng 12 năm 2023, tại Trung tâm Văn hóa huyện, Cụm thi đua số IV tổ chức hội nghị.", None),
    ("Sáng 12/1, Khối thi đua tổ chức hội nghị tổng kết.", None),
])
def test_published_from_a_dateline(tmp_path, line, published):
    path = write(tmp_path, "a.txt", f"Khối thi đua các cơ quan tổng hợp tổng kết năm 2021\n\n{line}\n\n"
                                    "Chiều 23/12/2021, Khối thi đua tổ chức hội nghị.\n".encode())
    assert read_article(path).published == published


def test_manifest_date_wins_over_the_dateline(tmp_path):
    path = write(tmp_path, "a.txt", "Tiêu đề bài viết về thi đua\n\nNgày đăng: 16/12/2023\n\nNội dung.".encode())
    assert read_article(path, {"published": "2023-12-15", "url": None}).published == "2023-12-15"


def test_old_tone_placement_is_modernised(tmp_path):
    path = write(tmp_path, "a.txt", "Khối thi đua Văn hoá - Xã hội\n\nUỷ ban nhân dân tỉnh Khánh Hoà "
                                    "tặng Cờ thi đua cho Sở Thuỷ lợi; hoàn thành xuất sắc; quý I.".encode())
    text = read_article(path).text
    for modern in ("Văn hóa", "Ủy ban", "Khánh Hòa", "Thủy lợi", "hoàn thành", "quý I"):
        assert modern in text, modern


def test_decomposed_unicode_reads_as_composed(tmp_path):
    original = seed_text(SEED_003)
    path = write(tmp_path, "nfd.txt", unicodedata.normalize("NFD", original).encode("utf-8"))
    assert read_article(path).text == read_article(SEED_003).text


# --- encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize("bom, codec", [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                                        (b"\xfe\xff", "utf-16-be"), (b"", "utf-16-le"),
                                        (b"", "utf-16-be")], ids=["utf8-bom", "utf16le-bom",
                                                                  "utf16be-bom", "utf16le", "utf16be"])
def test_unicode_encodings_read_like_utf8(tmp_path, bom, codec):
    path = write(tmp_path, "003.txt", bom + seed_text(SEED_003).encode(codec))
    assert read_article(path).text == read_article(SEED_003).text


@pytest.mark.parametrize("encoding", LEGACY_ENCODINGS)
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_legacy_encodings_of_the_seeds_are_recognised(tmp_path, seed, encoding):
    original = seed_text(seed).translate(_EIGHT_BIT_SAFE)
    raw = encode_legacy(original, encoding)
    decoded = decode_bytes(raw, seed.name)
    assert decoded.encoding == encoding
    assert decoded.text == original


@pytest.mark.parametrize("encoding", ["viscii", "tcvn3", "cp1258"])
def test_files_written_by_glibc_iconv_decode(encoding):
    """Fixtures made with `iconv -t VISCII / TCVN5712-1 / CP1258`: tables checked against another
    implementation, not only against their own inverse."""
    expected = (DATA / "001-excerpt.utf8.txt").read_text(encoding="utf-8")
    decoded = decode_bytes((DATA / f"001-excerpt.{encoding}.txt").read_bytes())
    assert (decoded.encoding, decoded.text) == (encoding, expected)


@pytest.mark.parametrize("vni, unicode", [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("Ñoàng chí Nguyeãn Ñình Chuyeán", "Đồng chí Nguyễn Đình Chuyến"),
    ("Côø thi ñua cuûa Uûy ban nhaân daân tænh", "Cờ thi đua của Ủy ban nhân dân tỉnh"),
    ("Huaân chöông Lao ñoäng haïng Ba", "Huân chương Lao động hạng Ba"),
    ("KHOÁI THI ÑUA KINH TEÁ NGAØNH", "KHỐI THI ĐUA KINH TẾ NGÀNH"),
])
def test_vni_known_answers(vni, unicode):
    assert decode_legacy(vni.encode("cp1252"), "vni") == unicode


def test_legacy_file_reads_through_read_article(tmp_path):
    original = seed_text(SEED_003).translate(_EIGHT_BIT_SAFE)
    path = write(tmp_path, "003.txt", encode_legacy(original, "vni"))
    expected = write(tmp_path, "003-utf8.txt", original.encode("utf-8"))
    assert read_article(path).text == read_article(expected).text


def test_invalid_bytes_in_utf8_are_replaced_with_a_warning(tmp_path, caplog):
    raw = seed_text(SEED_003).encode("utf-8").replace("Kinh tế".encode(), b"Kinh t\xe1\xba", 1)
    path = write(tmp_path, "damaged.txt", raw)
    with caplog.at_level(logging.WARNING, logger="thidua.loaders.encodings"):
        article = read_article(path)
    assert "Kinh t\ufffd" in article.text
    assert any("damaged.txt" in r.getMessage() and "U+FFFD" in r.getMessage() for r in caplog.records)


def test_broken_characters_never_crash(tmp_path):
    path = write(tmp_path, "a.txt", "Khối thi đua\n\nL?y l?i m\ufffd b?o m?t ??? Th\ufffd\ufffdng.".encode())
    assert "L?y l?i m\ufffd b?o m?t ??? Th\ufffd\ufffdng." in read_article(path).text


# --- HTML -------------------------------------------------------------------------------------

def test_portal_page_reads_back_to_the_seed_paragraphs():
    page = read_article(DATA / "003-portal-page.html")
    seed = read_article(SEED_003)
    assert page.text.split("\n\n") == seed.text.split("\n\n")
    assert page.title == seed.title
    assert page.doc == "003-portal-page"


def test_html_structure_entities_and_dropped_parts(tmp_path):
    html = """<!doctype html><html><head><title>Trang</title>
      <meta property="article:published_time" content="2023-12-21T08:30:00+07:00">
      <script>var x = "Khối thi đua giả";</script><style>p { color: red }</style></head>
      <body><nav><a>Trang chủ</a> <a>Tin tức</a></nav>
      <div class="breadcrumb">Trang chủ &gt; Tin tức</div>
      <div id="main"><h1>Cụm thi đua số IV tổng kết năm 2023</h1>
      <p>Dự hội nghị có:<br>ông Nguyễn Văn A &ndash; Phó Chủ tịch;<br/>bà Lê Thị B.</p>
      <p>Cờ thi đua &amp; Bằng khen&nbsp;của UBND tỉnh &#8220;xuất sắc&#8221;.</p>
      <ul><li>Sở Y tế</li><li>Sở Tài chính</li></ul>
      <div class="share-buttons">Chia sẻ Facebook</div><div class="related-news"><b>Tin liên quan</b></div>
      <aside>Tin xem nhiều</aside><form>Họ tên <input></form></div>
      <footer>Bản quyền © 2023</footer></body></html>"""
    article = read_article(write(tmp_path, "page.htm", html.encode("utf-8")))
    assert article.text.split("\n\n") == [
        "Cụm thi đua số IV tổng kết năm 2023",
        "Dự hội nghị có:\nông Nguyễn Văn A – Phó Chủ tịch;\nbà Lê Thị B.",
        "Cờ thi đua & Bằng khen của UBND tỉnh “xuất sắc”.",
        "Sở Y tế\nSở Tài chính"]
    assert article.title == "Cụm thi đua số IV tổng kết năm 2023"
    assert article.published == "2023-12-21"


def test_html_in_a_txt_file_is_recognised(tmp_path):
    path = write(tmp_path, "saved.txt", b"<html><body><p>Kh\xe1\xbb\x91i thi \xc4\x91ua</p></body></html>")
    assert read_article(path).text == "Khối thi đua"


def test_html_in_a_legacy_encoding(tmp_path):
    body = "<html><head><title>Tin</title></head><body><p>" + seed_text(SEED_003).translate(
        _EIGHT_BIT_SAFE).split("\n\n")[3] + "</p></body></html>"
    path = write(tmp_path, "old.html", encode_legacy(body, "tcvn3"))
    assert read_article(path).text == seed_text(SEED_003).split("\n\n")[3].strip()


# --- bad input ----------------------------------------------------------------------------------

@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b" \n\r\n\t ", "empty file"),
    (b"\xef\xbb\xbf\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 8, "binary file (NUL bytes)"),
    ("中华人民共和国国务院关于表彰全国劳动模范的决定".encode("gbk") * 10,
     "not UTF-8, UTF-16 or a known Vietnamese encoding"),
    (b"<html><body><nav>Trang ch\xe1\xbb\xa7</nav></body></html>",
     "no article text left after removing markup and boilerplate"),
], ids=["empty", "blank", "bom-only", "binary", "gbk", "only-boilerplate"])
def test_unreadable_files_raise_with_a_reason(tmp_path, data, reason):
    path = write(tmp_path, "bad.txt", data)
    with pytest.raises(UnreadableInput) as caught:
        read_article(path)
    assert (caught.value.path, caught.value.reason) == (str(path), reason)


def test_directory_and_missing_file(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(UnreadableInput, match="is a directory"):
        read_article(tmp_path / "folder.txt")
    with pytest.raises(UnreadableInput, match="no such file"):
        read_article(tmp_path / "missing.txt")


def test_permission_denied(tmp_path):
    path = write(tmp_path, "secret.txt", "Khối thi đua".encode())
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod does not stop reading")
        with pytest.raises(UnreadableInput, match="permission denied"):
            read_article(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("error, reason", [
    (PermissionError(13, "Permission denied"), "permission denied"),
    (IsADirectoryError(21, "Is a directory"), "is a directory"),
    (FileNotFoundError(2, "No such file or directory"), "no such file"),
    (OSError(5, "Input/output error"), "input/output error"),
])
def test_os_errors_become_short_reasons(error, reason):
    assert _os_reason(error) == reason


def test_a_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "1-good.txt").write_bytes(SEED_003.read_bytes())
    (tmp_path / "2-empty.txt").write_bytes(b"")
    (tmp_path / "3-binary.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "4-good.html").write_bytes((DATA / "003-portal-page.html").read_bytes())
    read, errors = [], []
    for path in iter_article_paths([tmp_path]):
        try:
            read.append(read_article(path).doc)
        except UnreadableInput as error:
            errors.append(str(error))
    assert read == ["1-good", "4-good"]
    assert errors == [f"{tmp_path / '2-empty.txt'}: empty file",
                      f"{tmp_path / '3-binary.txt'}: binary file (NUL bytes)"]


# --- the development corpus (../shared) ------------------------------------------------------

def test_dev_corpus_reads_clean_with_the_manifest_dates(shared_dir):
    folder = shared_dir / "corpus" / "dev"
    manifest = read_manifest(folder)
    found_dates = 0
    for path in iter_article_paths([folder]):
        article = read_article(path)  # without the manifest: the text alone must work
        for marker in BOILERPLATE_MARKERS + ("Tin liên quan", "Ý kiến bạn đọc", "Lượt xem"):
            assert marker not in article.text, (path.name, marker)
        assert article.title, path.name
        if article.published is not None:
            assert article.published == manifest[article.doc]["published"], path.name
            found_dates += 1
    assert found_dates >= 16


def _as_mojibake(text: str, keep_undefined: bool) -> bytes:
    """What an old CMS stores: the UTF-8 bytes read as Windows-1252, saved again as UTF-8."""
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    out = []
    for byte in text.encode("utf-8"):
        if byte in undefined:
            out.append(chr(byte) if keep_undefined else "\ufffd")
        else:
            out.append(bytes([byte]).decode("cp1252"))
    return "".join(out).encode("utf-8")


def test_mojibake_is_repaired(tmp_path):
    path = write(tmp_path, "moj.txt", _as_mojibake(seed_text(SEED_003), keep_undefined=True))
    assert read_article(path).text == read_article(SEED_003).text


def test_mojibake_with_lost_bytes_keeps_the_rest(tmp_path, caplog):
    path = write(tmp_path, "moj.txt", _as_mojibake(seed_text(SEED_003), keep_undefined=False))
    with caplog.at_level(logging.WARNING, logger="thidua.loaders.encodings"):
        text = read_article(path).text
    assert "Khối thi đua Kinh tế ngành tổ chức hội nghị phát động" in text
    assert 0 < text.count("\ufffd") < 30  # "điều" loses its ề (E1 BB 81): 0x81 has no cp1252 letter
    assert any("mojibake" in r.getMessage() and "lost" in r.getMessage() for r in caplog.records)


def test_dev_corpus_as_html_pages_reads_like_the_text(shared_dir, tmp_path):
    for path in sorted((shared_dir / "corpus" / "dev").glob("*.txt")):
        blocks = [b for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        body = "\n".join("<p>" + "<br>".join(map(html_module.escape, block.split("\n"))) + "</p>"
                         for block in blocks)
        page = write(tmp_path, path.stem + ".html", (
            "<!DOCTYPE html><html><head><title>Cổng thông tin</title></head><body>"
            f"<nav><a>Trang chủ</a></nav><div class='content'>{body}</div></body></html>").encode())
        as_text, as_page = read_article(path), read_article(page)
        assert (as_page.text, as_page.title, as_page.published) == (
            as_text.text, as_text.title, as_text.published), path.name


@pytest.mark.parametrize("encoding", ["vni", "tcvn3", "viscii"])
def test_legacy_font_letters_inside_unicode_are_redecoded(tmp_path, encoding):
    """Pages typed with VNI-Times or .VnTime fonts: valid UTF-8 or HTML entities whose letters
    are the legacy bytes ("Xin cha&oslash;o")."""
    original = seed_text(SEED_003).translate(_EIGHT_BIT_SAFE)
    font_letters = encode_legacy(original, encoding).decode("latin-1").translate(
        {byte: ch for byte, ch in ((b, bytes([b]).decode("cp1252", errors="ignore"))
                                   for b in range(0x80, 0xA0)) if ch})
    as_text = write(tmp_path, "font.txt", font_letters.encode("utf-8"))
    def entities(text: str) -> str:
        return html_module.escape(text).encode("ascii", "xmlcharrefreplace").decode()

    paragraphs = "".join("<p>" + "<br>".join(map(entities, block.split("\n"))) + "</p>"
                         for block in font_letters.split("\n\n"))
    as_page = write(tmp_path, "font.html", f"<html><body>{paragraphs}</body></html>".encode("ascii"))
    expected = read_article(write(tmp_path, "plain.txt", original.encode("utf-8")))
    for path in (as_text, as_page):
        article = read_article(path)
        assert (article.text, article.title) == (expected.text, expected.title), path.name


def test_latin_text_is_not_taken_for_font_letters(tmp_path):
    text = "Le président a décerné la médaille à l'équipe. " * 10
    path = write(tmp_path, "fr.txt", ("Une page en français\n\n" + text).encode("utf-8"))
    assert read_article(path).text.endswith("décerné la médaille à l'équipe.")


def test_html_headline_and_time_come_from_the_article(tmp_path):
    page = """<html><head><title>Tin - Cổng thông tin</title></head><body>
      <div class="logo"><h1>CỔNG THÔNG TIN ĐIỆN TỬ</h1></div>
      <div class="related-news"><time datetime="2020-01-01">01/01/2020</time> Tin cũ</div>
      <article><header><h1>Khối thi đua các cơ quan Đảng tổng kết năm 2023</h1>
      <time datetime="2023-12-20T09:00">20/12/2023</time></header>
      <p>Sáng 19/12, Khối thi đua các cơ quan Đảng tổ chức hội nghị tổng kết.</p></article></body></html>"""
    article = read_article(write(tmp_path, "page.html", page.encode("utf-8")))
    assert article.title == "Khối thi đua các cơ quan Đảng tổng kết năm 2023"
    assert article.published == "2023-12-20"
    assert article.text.split("\n\n")[-1] == "Sáng 19/12, Khối thi đua các cơ quan Đảng tổ chức hội nghị tổng kết."


def test_a_wrapper_whose_class_mentions_a_sidebar_is_kept(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in seed_text(SEED_003).split("\n\n")[3:])
    page = (f"<html><body><div id='page' class='layout-with-sidebar'><div class='content'>{body}</div>"
            "<div class='sidebar'><h3>Tin xem nhiều</h3><p>Tin khác một</p></div></div></body></html>")
    text = read_article(write(tmp_path, "page.html", page.encode("utf-8"))).text
    assert text.startswith("Dự hội nghị còn có bà Lê Thị Thu Hằng")
    assert "Tin xem nhiều" not in text


def test_a_related_box_in_the_middle_drops_its_list_only(tmp_path):
    paragraphs = seed_text(SEED_003).split("\n\n")
    body = [paragraphs[3], "Tin liên quan:\n- Khối thi đua Văn hóa ký giao ước\n- Hội nghị tập huấn",
            "Xem thêm:\n" + paragraphs[5].strip(), paragraphs[6]]
    path = write(tmp_path, "a.txt", ("Khối thi đua Kinh tế ngành phát động thi đua năm 2017\n\n"
                                     + "\n\n".join(body)).encode())
    text = read_article(path).text
    assert "Tin liên quan" not in text and "Hội nghị tập huấn" not in text and "Xem thêm" not in text
    assert " ".join(paragraphs[5].split()) in text and " ".join(paragraphs[6].split()) in text
