// Pure (no DOM), so Node checks it (tests/js/textdiff.test.mjs).
// The one delete and one insert that turn ``old`` into ``value`` (indices in UTF-16 code units, as
// Y.Text and JavaScript strings count). ``caret``: where the caret is after the edit. The text after
// the caret did not change, so the common end is found first and never reaches before the caret:
// typing "S" just before another person's "Sentence" is an insert before their "S", not after it.
export function diff(old, value, caret = value.length) {
  let endOld = old.length;
  let endNew = value.length;
  while (endNew > caret && endOld > 0 && old[endOld - 1] === value[endNew - 1]) { endOld--; endNew--; }
  let start = 0;
  while (start < endOld && start < endNew && old[start] === value[start]) start++;
  return { index: start, remove: endOld - start, insert: value.slice(start, endNew) };
}
