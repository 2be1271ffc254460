/**
 * The English counterpart of procedure-words.ts: how an English question says the action and the object it asks
 * for ("register | a company car | in Biên Hòa"). The answer layer reads with them where the phrase naming an
 * unheld paper begins ("company | car", "tourist | visa"). Lowercase, folded; phrases are matched over whole words.
 */

/** Verbs (and verb phrases) that ask for a procedure; the object follows them. */
export const ENGLISH_ACTIONS: readonly string[] = [
  'apply for',
  'file for',
  'sign up for',
  'ask for',
  'get',
  'obtain',
  'register',
  'renew',
  'replace',
  'extend',
  'issue',
  'reissue',
  'request',
  'declare',
  'transfer',
  'notarize',
  'certify',
];

/** Words that end an object: prepositions, conjunctions, question and time words, verbs of the sentence. */
export const ENGLISH_OBJECT_ENDS: ReadonlySet<string> = new Set(
  (
    'in at for from to with on by of if when where how what which who why and or but because since before after so ' +
    'here there online now today tomorrow please is are was were be been do does did can could should would will ' +
    'must need needs have has had it them myself yourself himself herself ourselves themselves yet still already ' +
    'too also again soon quickly fast asap first right immediately i we he she they'
  ).split(' '),
);

/** Words inside an object that say whose or which, not what: skipped when the head is read. */
export const ENGLISH_DETERMINERS: ReadonlySet<string> = new Set(
  'a an the my our your his her their its this that these those new old own some any another same current expired lost stolen damaged valid vietnamese foreign s'.split(
    ' ',
  ),
);
