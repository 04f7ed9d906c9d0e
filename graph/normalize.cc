#include "graph/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace kg {

namespace {

// Appends the normalised form of already NFKC-casefolded text: "&" becomes
// "and", runs of non-alphanumerics become one space, ends trimmed.
void squeeze(std::string_view folded, std::string& out) {
  bool pending_space = false;
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  const auto* s = reinterpret_cast<const uint8_t*>(folded.data());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    bool word = c >= 0 && (c < 0x80 ? (std::isalnum(c) != 0) : (u_isalnum(c) != 0));
    if (c == '&') {
      if (!out.empty()) out += ' ';
      out += "and";
      pending_space = true;
      continue;
    }
    if (!word) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out.append(folded.substr(start, i - start));
  }
}

bool is_ascii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace

std::string normalize_name(std::string_view text) {
  std::string folded;
  if (is_ascii(text)) {
    // NFKC is the identity on ASCII and case folding is tolower: skip ICU,
    // which is most of the cost on the hot path of merging large graphs.
    folded.resize(text.size());
    for (size_t i = 0; i < text.size(); ++i)
      folded[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  } else {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size()));
    icu::UnicodeString n = U_SUCCESS(status) ? nfkc_cf->normalize(u, status) : u;
    if (U_FAILURE(status)) n = u;
    n.toUTF8String(folded);
  }
  std::string out;
  out.reserve(folded.size());
  squeeze(folded, out);
  if (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace kg
