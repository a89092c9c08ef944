// The Korean search's query side: the same rules as docs/_ext/korean_search.py.
// KOREAN_SEARCH (the word lists) is defined before this script by the extension.
const KOREAN_PROTECTED = new Set(KOREAN_SEARCH.protected);
const HANGUL_WORD = /^[\uac00-\ud7a3]+$/;
function stemKorean(word) {
  word = word.normalize("NFC");
  if (KOREAN_PROTECTED.has(word)) return word;
  const candidates = KOREAN_SEARCH.suffixes
    .filter((s) => word.endsWith(s) && word.length > s.length)
    .map((s) => word.slice(0, word.length - s.length));
  for (const candidate of candidates) {
    if (KOREAN_PROTECTED.has(candidate)) return candidate;
  }
  return candidates.length ? candidates[0] : word;
}
var Stemmer = function () {
  const english = new EnglishStemmer();
  this.stemWord = function (word) {
    word = word.normalize("NFC");
    if (HANGUL_WORD.test(word)) return stemKorean(word);
    return english.stemWord(word.toLowerCase());
  };
};
window.Stemmer = Stemmer;
var splitQuery = (query) =>
  query.normalize("NFC").match(/[\uac00-\ud7a3]+|(?:(?![\uac00-\ud7a3])[\p{L}\p{N}\p{M}_])+/gu) || [];
// Spacing is forgiven (korean_search.query_words): two Hangul words separated only by
// spaces are looked up joined when the index knows them joined (자동 미분 -> 자동미분),
// and a Hangul word the index does not know is cut into parts it knows, each of two
// syllables or more (경사하강법 -> 경사 + 하강법).
const HANGUL_OR_OTHER = /[\uac00-\ud7a3]+|(?:(?![\uac00-\ud7a3])[\p{L}\p{N}\p{M}_])+/gu;
function koreanKnown(term) {
  const index = typeof Search !== "undefined" ? Search._index : null;
  if (!index) return false;
  return Object.hasOwn(index.terms, term) || Object.hasOwn(index.titleterms, term);
}
function splitCompound(word, known) {
  for (let cut = word.length - 2; cut > 1; cut--) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    if (!known(head)) continue;
    const rest = known(stemKorean(tail)) ? [tail] : splitCompound(tail, known);
    if (rest) return [head, ...rest];
  }
  return null;
}
function queryWords(query, known) {
  query = query.normalize("NFC");
  const tokens = [...query.matchAll(HANGUL_OR_OTHER)];
  const words = [];
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i][0];
    if (HANGUL_WORD.test(word)) {
      const following = tokens[i + 1];
      if (following) {
        const joined = word + following[0];
        const between = query.slice(tokens[i].index + word.length, following.index);
        if (HANGUL_WORD.test(following[0]) && /^\s+$/.test(between) && known(stemKorean(joined))) {
          words.push(joined);
          i++;
          continue;
        }
      }
      if (!known(stemKorean(word))) {
        const parts = splitCompound(word, known) || splitCompound(stemKorean(word), known);
        if (parts) {
          words.push(...parts);
          continue;
        }
      }
    }
    words.push(word);
  }
  return words;
}
splitQuery = (query) => queryWords(query, koreanKnown);
