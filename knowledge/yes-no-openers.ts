/**
 * The words a yes/no answer's first line opens with. The answer layer writes them ("Có. …", "Không. …") and
 * checks for them before adding its own; it keeps no private copy.
 */

/** A first line already opening with its yes/no word: "Có. ", "Không. ", "Được. ", "Chưa. ". */
export const YES_NO_OPENER = /^(?:Có|Không|Được|Chưa)\. /;
