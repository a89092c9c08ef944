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
