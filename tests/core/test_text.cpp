#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text.hpp"

using namespace sr::text;

namespace {
// The text cut into clusters, as the UI draws it.
std::vector<std::string> clusters(const std::string& s) {
    std::vector<std::string> out;
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        const size_t n = cluster_length(p, end);
        out.emplace_back(p, n);
        p += n;
    }
    return out;
}
}  // namespace

TEST_CASE("UTF-8 decodes to code points, and a broken byte reads as U+FFFD one byte long") {
    const std::string s = "A\xC3\xA9\xE0\xB8\x81\xF0\x9F\x92\x84";  // A é ก 💄
    const char* p = s.data();
    const char* end = p + s.size();
    char32_t cp;
    CHECK(decode_utf8(p, end, cp) == 1);
    CHECK(cp == U'A');
    CHECK(decode_utf8(p + 1, end, cp) == 2);
    CHECK(cp == 0xE9);
    CHECK(decode_utf8(p + 3, end, cp) == 3);
    CHECK(cp == 0x0E01);
    CHECK(decode_utf8(p + 6, end, cp) == 4);
    CHECK(cp == 0x1F484);
    for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE0\xB8", "\x80"}) {
        CHECK(decode_utf8(bad.data(), bad.data() + bad.size(), cp) == 1);
        CHECK(cp == 0xFFFD);
    }
    std::string out;
    for (char32_t c : {U'A', char32_t(0xE9), char32_t(0x0E01), char32_t(0x1F484)}) append_utf8(out, c);
    CHECK(out == s);
}

TEST_CASE("a letter keeps its marks: Thai vowels and tone marks, Latin combining accents") {
    // น้องมายด์: น+U+0E49, อ, ง, ม, า, ย, ด+U+0E4C
    CHECK(clusters("\xE0\xB8\x99\xE0\xB9\x89\xE0\xB8\xAD\xE0\xB8\x87\xE0\xB8\xA1\xE0\xB8\xB2\xE0\xB8\xA2"
                   "\xE0\xB8\x94\xE0\xB9\x8C") ==
          std::vector<std::string>{"\xE0\xB8\x99\xE0\xB9\x89", "\xE0\xB8\xAD", "\xE0\xB8\x87", "\xE0\xB8\xA1",
                                   "\xE0\xB8\xB2", "\xE0\xB8\xA2", "\xE0\xB8\x94\xE0\xB9\x8C"});
    // ที่: a consonant with an upper vowel and a tone mark stacked on it is one cluster.
    CHECK(clusters("\xE0\xB8\x97\xE0\xB8\xB5\xE0\xB9\x88").size() == 1);
    // น้ำ: SARA AM (a spacing vowel whose ring sits over the consonant) stays with it.
    CHECK(clusters("\xE0\xB8\x99\xE0\xB9\x89\xE0\xB8\xB3").size() == 1);
    // Vietnamese written with combining marks: e + U+0302 + U+0301 (ế), then c.
    CHECK(clusters("e\xCC\x82\xCC\x81" "c") == std::vector<std::string>{"e\xCC\x82\xCC\x81", "c"});
    // Precomposed letters are one code point each.
    CHECK(clusters("Ng\xE1\xBB\x8D" "c") == std::vector<std::string>{"N", "g", "\xE1\xBB\x8D", "c"});
}

TEST_CASE("emoji keep their modifiers, joiners and variation selectors; two regional indicators are a flag") {
    CHECK(clusters("\xE2\x9D\xA4\xEF\xB8\x8F!").size() == 2);                 // ❤️ then !
    CHECK(clusters("\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD").size() == 1);          // 👍🏽
    CHECK(clusters("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB").size() == 1);  // 👩‍💻
    CHECK(clusters("\xF0\x9F\x87\xB9\xF0\x9F\x87\xAD\xF0\x9F\x87\xBB\xF0\x9F\x87\xB3").size() == 2);  // 🇹🇭🇻🇳
    CHECK(clusters("1\xEF\xB8\x8F\xE2\x83\xA3").size() == 1);                 // 1️⃣
    CHECK(clusters("Siti \xF0\x9F\x92\x84").size() == 6);
}

TEST_CASE("marks are general category M; base letters, CJK and emoji are not") {
    CHECK(is_mark(0x0301));
    CHECK(is_mark(0x0E31));
    CHECK(is_mark(0x0E4E));
    CHECK(is_mark(0xFE0F));
    CHECK_FALSE(is_mark(0x0E01));
    CHECK_FALSE(is_mark(0x5C0F));
    CHECK_FALSE(is_mark(0x1F484));
    CHECK(is_pictographic(0x2728));
    CHECK(is_pictographic(0x1F484));
    CHECK_FALSE(is_pictographic(0x5C0F));
}
