/**
 * How a person asks where their own filed application stands, read on the folded question (no diacritics,
 * lowercase). answer/own-application.ts refuses such a question with these; it keeps no private copy.
 */

/** How far it got: "tới đâu rồi", "đến đâu rồi", "xử lý chưa", "sao chưa có kết quả". */
export const APPLICATION_STATUS_ASKED =
  /(?:^| )(?:toi dau roi|den dau roi|toi dau|xu ly chua|sao chua co ket qua|chua co ket qua)(?: |$)/;

/** One application: its reference ("mã số 000.26.11.H19", "mã hồ sơ …") or its filing day ("nộp hôm 20/11"). */
export const ONE_APPLICATION =
  /(?:^| )(?:ma so|ma ho so|so bien nhan|ma bien nhan) \S*\d|(?:^| )(?:nop|gui)(?: \S+){0,5} (?:hom|ngay|tu) \d/;
