/**
 * Which of Gmail's system labels a mailbox label names, in any of Gmail's display languages: the one owner of
 * "is this label Sent (or Drafts, Trash, Spam, Chat, Inbox)". Google Takeout writes a message's labels in its
 * X-Gmail-Labels header in the account's display language ("Gesendet", "Envoyé", "Odesláno"), non-ASCII ones
 * as RFC 2047 encoded words; mail programs see the same labels as IMAP folders ("[Gmail]/Posta inviata"),
 * whose names are sometimes another wording of the same label (Czech "Odeslaná pošta" beside Takeout's
 * "Odesláno"). Both forms are listed where a source shows them.
 *
 * A label is compared after decoding, Unicode normalisation (NFC), without zero-width marks or Arabic
 * tatweel, with curly apostrophes made straight, blanks (NBSP too) collapsed, case ignored and an IMAP
 * "[Gmail]/" or "[Google Mail]/" prefix dropped. A label of the user's own ("Clients") names nothing.
 *
 * Only the labels a decision needs are listed: Drafts, Trash, Spam and Chat (messages that are not contact),
 * Sent (the user's own) and Inbox (with Sent, the sign that a Takeout mailbox's labels were understood).
 * Status labels (Opened, Unread, Archived, Important, Starred, Category …) decide nothing in Tend.
 *
 * Where the names come from (all public; every name below is in lower case, as it is compared):
 * - GYB, GAM-team/got-your-back `labellang.py` (2019, "handle system label languages"): Gmail's system label
 *   names in its display languages, used by GYB to restore Takeout mailboxes. Every language below except
 *   where noted; its "hu" entry repeats its Lithuanian one and is not used, its Georgian Inbox ends in a
 *   stray full stop (dropped here), its es-419 equals es, and its fr-CA adds only Spam ("Pourriel") to fr.
 * - imap-upload, rgladwell/imap-upload `imap_upload.py` (--google-takeout-language): Takeout label names for
 *   es, ca and de.
 * - Takeout files quoted in issues: rustmailer/bichon #358 (fr "Envoyé", whole header one encoded word),
 *   GAM-team/got-your-back #227 (cs "Odesláno", "Doručené"), #228 (fr "Messages envoyés"), #442 ("Enviado",
 *   its language not stated: Spanish or Portuguese).
 * - suitenumerique/messages `src/backend/core/services/importer/labels.py`: fr "Boîte de réception",
 *   "Brouillons", "Corbeille", "Messages envoyés", "Mails envoyés" (Takeout and IMAP forms).
 * - gmvault, gaubert/gmvault `gmvault_const.py`: Gmail's localized Chats folder (en/de/es/pt "Chats", it "Chat",
 *   fr "Tous les chats", ru, ja, pl, zh, pt-BR); gmailgem/gmail #41: ja IMAP folders.
 * - hu: public IMAP clients' code naming a Hungarian Gmail account's folders ("[Gmail]/Elküldött levelek",
 *   "[Gmail]/Piszkozatok", "[Gmail]/Kuka"), found by text search in three unrelated projects.
 * - en: Tend's English handling before this table (Sent, Inbox, Drafts/Draft, Trash, Spam, Chat), GYB's
 *   "Sent Mail", "Drafts" and en-GB "Bin", gmvault's "Chats".
 * GYB lists a name only where it differs from the English one: Spam stays "Spam" in de, fr, es, it, pl, cs …,
 * Inbox stays "Inbox" in nl; the English entry covers those.
 */

/** Gmail's system labels that decide something in an import. */
export type GmailLabelKind = 'inbox' | 'sent' | 'drafts' | 'trash' | 'spam' | 'chat';

export type GmailLabelNames = Readonly<Partial<Record<GmailLabelKind, readonly string[]>>>;

/** System label names by Gmail display language (Google's language codes), lower case. */
export const GMAIL_LABEL_NAMES: Readonly<Record<string, GmailLabelNames>> = {
  af: { inbox: ['inkassie'], sent: ['gestuurde e-pos'], drafts: ['konsepte'], trash: ['asblik'], spam: ['strooipos'] },
  am: { inbox: ['የገቢ መልዕክት ሳጥን'], sent: ['የተላከ ኢሜይል'], drafts: ['ረቂቆች'], trash: ['ጣል'], spam: ['አይፈለጌ መልዕክት'] },
  ar: {
    inbox: ['البريد الوارد'],
    sent: ['بريد مرسل'],
    drafts: ['مسودّات'],
    trash: ['المهملات'],
    spam: ['الرسائل غير المرغوب فيها'],
  },
  az: { inbox: ['gələnlər'], sent: ['göndərilənlər'], drafts: ['qaralamalar'], trash: ['zibil qutusu'] },
  bg: { inbox: ['вх. поща'], sent: ['изпратени'], drafts: ['чернови'], trash: ['кошче'], spam: ['спам'] },
  bn: { inbox: ['ইনবক্স'], sent: ['প্রেরিত মেল'], drafts: ['ড্রাফ্ট'], trash: ['ট্র্যাশ'], spam: ['স্প্যাম'] },
  // imap-upload (Takeout) and GYB; GYB writes the apostrophe curly, imap-upload straight.
  ca: {
    inbox: ["safata d'entrada"],
    sent: ['enviats'],
    drafts: ['esborranys'],
    trash: ['paperera'],
    spam: ['correu brossa'],
  },
  // Cherokee is written in its standard (capital) syllabary, as Gmail shows it; case is ignored anyway.
  chr: { inbox: ['ᎧᏁᏌᎢᏱ'], sent: ['ᏫᎦᏅᏅᎯ ᎪᏪᎸ'], drafts: ['ᎢᎬᏱ ᎪᏪᎸᏅ'], trash: ['ᎤᏲ'], spam: ['ᎤᏲᎢ'] },
  // Takeout (GYB #227): "Doručené", "Odesláno"; GYB: the IMAP wording "… pošta".
  cs: {
    inbox: ['doručené', 'doručená pošta'],
    sent: ['odesláno', 'odeslaná pošta'],
    drafts: ['koncepty'],
    trash: ['koš'],
  },
  cy: {
    inbox: ['blwch derbyn'],
    sent: ['negeseuon a anfonwyd'],
    drafts: ['drafft'],
    trash: ['bin sbwriel'],
    spam: ['e-bost sothach'],
  },
  da: { inbox: ['indbakke'], sent: ['sendte mails'], drafts: ['kladder'], trash: ['papirkurv'] },
  // imap-upload (Takeout) and GYB agree.
  de: { inbox: ['posteingang'], sent: ['gesendet'], drafts: ['entwürfe'], trash: ['papierkorb'] },
  el: {
    inbox: ['εισερχόμενα'],
    sent: ['απεσταλμένα'],
    drafts: ['πρόχειρα'],
    trash: ['κάδος απορριμμάτων'],
    spam: ['ανεπιθύμητα'],
  },
  en: {
    inbox: ['inbox'],
    sent: ['sent', 'sent mail'],
    drafts: ['drafts', 'draft'],
    trash: ['trash'],
    spam: ['spam'],
    chat: ['chat', 'chats'],
  },
  'en-GB': { trash: ['bin'] },
  // es and es-419 (GYB), imap-upload (Takeout); "enviado" from GYB #442 (language not stated).
  es: { inbox: ['recibidos'], sent: ['enviados', 'enviado'], drafts: ['borradores'], trash: ['papelera'] },
  et: {
    inbox: ['postkast'],
    sent: ['saadetud kirjad'],
    drafts: ['mustandid'],
    trash: ['prügikast'],
    spam: ['rämpspost'],
  },
  eu: {
    inbox: ['sarrera-ontzia'],
    sent: ['bidalitako mezuak'],
    drafts: ['zirriborroak'],
    trash: ['zaborrontzia'],
    spam: ['spama'],
  },
  fa: {
    inbox: ['صندوق ورودی'],
    sent: ['نامه‌های فرستاده شده'],
    drafts: ['پیش‌نویس‌ها'],
    trash: ['حذف‌شده‌ها'],
    spam: ['هرزنامه'],
  },
  fi: {
    inbox: ['postilaatikko'],
    sent: ['lähetetyt viestit'],
    drafts: ['luonnokset'],
    trash: ['roskakori'],
    spam: ['roskaposti'],
  },
  fil: { sent: ['naipadalang sulat'], drafts: ['mga draft'] },
  // Takeout: "Envoyé" (bichon #358), "Messages envoyés" (GYB #228); GYB, suitenumerique/messages; gmvault (chat).
  fr: {
    inbox: ['boîte de réception'],
    sent: ['envoyé', 'messages envoyés', 'mails envoyés'],
    drafts: ['brouillons'],
    trash: ['corbeille'],
    chat: ['tous les chats'],
  },
  'fr-CA': { spam: ['pourriel'] },
  ga: { inbox: ['bosca isteach'], sent: ['seolta'], drafts: ['dréachtaí'], trash: ['bruscar'], spam: ['turscar'] },
  gl: { inbox: ['caixa de entrada'], sent: ['correo enviado'], drafts: ['borradores'], trash: ['caixa da papeleira'] },
  gu: { inbox: ['ઇનબોકસ'], sent: ['મોકલેલા મેઇલ'], drafts: ['ડ્રાફ્ટ્સ'], trash: ['ટ્રેશ'], spam: ['સ્પામ'] },
  he: { inbox: ['דואר נכנס'], sent: ['דואר יוצא'], drafts: ['טיוטות'], trash: ['אשפה'], spam: ['ספאם'] },
  hi: { inbox: ['इनबॉक्स'], sent: ['भेजी गई मेल'], drafts: ['अधूरा ईमेल'], trash: ['कूड़ेदान'], spam: ['अनचाहा'] },
  hr: {
    inbox: ['pristigla pošta'],
    sent: ['poslana pošta'],
    drafts: ['skice'],
    trash: ['otpad'],
    spam: ['neželjena pošta'],
  },
  // Not from GYB (see above): IMAP folder names of a Hungarian Gmail account in public clients' code.
  hu: { sent: ['elküldött levelek'], drafts: ['piszkozatok'], trash: ['kuka'] },
  hy: { inbox: ['մուտքի արկղ'], sent: ['ուղարկված'], drafts: ['սեւագրեր'], trash: ['աղբարկղ'], spam: ['սպամ'] },
  id: { inbox: ['kotak masuk'], sent: ['surat terkirim'], drafts: ['draf'], trash: ['tong sampah'] },
  is: {
    inbox: ['pósthólf'],
    sent: ['sendur póstur'],
    drafts: ['drög'],
    trash: ['rusl'],
    spam: ['ruslpóstur'],
  },
  // GYB; gmvault (chat, "Chat" as in English).
  it: { inbox: ['posta in arrivo'], sent: ['posta inviata'], drafts: ['bozze'], trash: ['cestino'] },
  // GYB and gmailgem #41 agree; gmvault (chat).
  ja: {
    inbox: ['受信トレイ'],
    sent: ['送信済みメール'],
    drafts: ['下書き'],
    trash: ['ゴミ箱'],
    spam: ['迷惑メール'],
    chat: ['チャット'],
  },
  ka: {
    inbox: ['შემოსულები'],
    sent: ['გაგზავნილები'],
    drafts: ['მონახაზები'],
    trash: ['წაშლილები'],
    spam: ['სპამი'],
  },
  km: {
    inbox: ['ប្រអប់ទទួល'],
    sent: ['អ៊ីមែលបានផ្ញើ'],
    drafts: ['សេចក្ដីព្រាង'],
    trash: ['ធុងសំរាម'],
    spam: ['សារឥតបានការ'],
  },
  kn: {
    inbox: ['ಇನ್‌ಬಾಕ್ಸ್'],
    sent: ['ಕಳುಹಿಸಿದ ಮೇಲ್'],
    drafts: ['ಡ್ರಾಫ್ಟ್‌ಗಳು'],
    trash: ['ಅನುಪಯುಕ್ತ'],
    spam: ['ಸ್ಪ್ಯಾಮ್'],
  },
  ko: { inbox: ['받은편지함'], sent: ['보낸편지함'], drafts: ['임시보관함'], trash: ['휴지통'], spam: ['스팸함'] },
  lo: {
    inbox: ['ອິນບັອກ'],
    sent: ['ຈົດໝາຍທີ່ສົ່ງແລ້ວ'],
    drafts: ['ສະບັບຮ່າງ'],
    trash: ['ຖັງຂີ້ເຫຍື້ອ'],
    spam: ['ສະແປມ'],
  },
  lt: {
    inbox: ['gautieji'],
    sent: ['išsiųsti laiškai'],
    drafts: ['juodraščiai'],
    trash: ['šiukšliadėžė'],
    spam: ['šlamštas'],
  },
  lv: { inbox: ['iesūtne'], sent: ['nosūtne'], drafts: ['melnraksti'], trash: ['miskaste'], spam: ['mēstules'] },
  ml: {
    inbox: ['ഇൻബോക്സ്'],
    sent: ['അയച്ച മെയിൽ'],
    drafts: ['ഡ്രാഫ്‌റ്റുകൾ'],
    trash: ['ട്രാഷ്'],
    spam: ['സ്പാം'],
  },
  mn: {
    inbox: ['ирсэн имэйл'],
    sent: ['илгээсэн имэйл'],
    drafts: ['нооргууд'],
    trash: ['хогийн сав'],
    spam: ['спам'],
  },
  mr: { inbox: ['इनबॉक्स'], sent: ['पाठवलेले मेल'], drafts: ['मसुदे'], trash: ['वगळलेले'], spam: ['स्पॅम'] },
  ms: { inbox: ['peti masuk'], sent: ['mel dihantar'], drafts: ['draf'], trash: ['sampah'] },
  my: { inbox: ['ဝင်စာ'], sent: ['ထွက်စာ'], drafts: ['မူကြမ်းများ'], trash: ['အမှိုက်ပုံး'], spam: ['စပမ်း'] },
  ne: { inbox: ['इनबक्स'], sent: ['पठाइएको मेल'], drafts: ['ड्राफ्ट'], trash: ['रद्दी टोकरी'], spam: ['स्प्याम'] },
  nl: { sent: ['verzonden berichten'], drafts: ['concepten'], trash: ['prullenbak'] },
  no: {
    inbox: ['innboks'],
    sent: ['sendt e-post'],
    drafts: ['utkast'],
    trash: ['papirkurv'],
    spam: ['søppelpost'],
  },
  // GYB; gmvault (chat).
  pl: { inbox: ['odebrane'], sent: ['wysłane'], drafts: ['wersje robocze'], trash: ['kosz'], chat: ['czat'] },
  'pt-BR': {
    inbox: ['caixa de entrada'],
    sent: ['e-mails enviados'],
    drafts: ['rascunhos'],
    trash: ['lixeira'],
    chat: ['bate-papos'],
  },
  'pt-PT': {
    inbox: ['caixa de entrada'],
    sent: ['correio enviado'],
    drafts: ['rascunhos'],
    trash: ['caixote do lixo'],
  },
  ro: {
    inbox: ['mesaje primite'],
    sent: ['mesaje trimise'],
    drafts: ['mesaje nefinalizate'],
    trash: ['coș de gunoi'],
  },
  // GYB; gmvault (chat).
  ru: {
    inbox: ['входящие'],
    sent: ['отправленные'],
    drafts: ['черновики'],
    trash: ['корзина'],
    spam: ['спам'],
    chat: ['чаты'],
  },
  si: {
    inbox: ['එන ලිපි'],
    sent: ['යැවූ ලිපි'],
    drafts: ['කටු සටහන්'],
    trash: ['අපද්‍රව්‍ය'],
    spam: ['අයාචිත තැපෑල'],
  },
  sk: { inbox: ['doručené'], sent: ['odoslané'], drafts: ['rozpísané správy'], trash: ['kôš'] },
  sl: {
    inbox: ['prejeto'],
    sent: ['poslano'],
    drafts: ['osnutki'],
    trash: ['smetnjak'],
    spam: ['vsiljena pošta'],
  },
  sr: { inbox: ['примљене'], sent: ['послате'], drafts: ['недовршене'], trash: ['отпад'], spam: ['непожељне'] },
  sv: {
    inbox: ['inkorgen'],
    sent: ['skickat'],
    drafts: ['utkast'],
    trash: ['papperskorgen'],
    spam: ['skräppost'],
  },
  sw: {
    inbox: ['kikasha'],
    sent: ['barua zilizotumwa'],
    drafts: ['rasimu'],
    trash: ['tupio'],
    spam: ['barua taka'],
  },
  ta: {
    inbox: ['இன்பாக்ஸ்'],
    sent: ['அனுப்பிய அஞ்சல்'],
    drafts: ['வரைவுகள்'],
    trash: ['நீக்கப்பட்டவை'],
    spam: ['ஸ்பேம்'],
  },
  te: {
    inbox: ['ఇన్‌బాక్స్‌'],
    sent: ['పంపిన సందేశాలు'],
    drafts: ['చిత్తుప్రతులు'],
    trash: ['ట్రాష్'],
    spam: ['స్పామ్'],
  },
  th: {
    inbox: ['กล่องจดหมาย'],
    sent: ['จดหมายที่ส่งแล้ว'],
    drafts: ['ร่างจดหมาย'],
    trash: ['ถังขยะ'],
    spam: ['จดหมายขยะ'],
  },
  tr: { inbox: ['gelen kutusu'], sent: ['gönderilmiş postalar'], drafts: ['taslaklar'], trash: ['çöp kutusu'] },
  uk: { inbox: ['вхідні'], sent: ['надіслані'], drafts: ['чернетки'], trash: ['кошик'], spam: ['спам'] },
  ur: {
    inbox: ['موصول شدہ پیغامات'],
    sent: ['بھیجے گئے پیغامات'],
    drafts: ['مسودہ س'],
    trash: ['کوڑے کی ٹوکری'],
    spam: ['سپام'],
  },
  vi: { inbox: ['hộp thư đến'], sent: ['thư đã gửi'], drafts: ['thư nháp'], trash: ['thùng rác'] },
  // GYB (zh-CN); gmvault (chat).
  'zh-CN': {
    inbox: ['收件箱'],
    sent: ['已发邮件'],
    drafts: ['草稿'],
    trash: ['已删除邮件'],
    spam: ['垃圾邮件'],
    chat: ['聊天'],
  },
  'zh-HK': { inbox: ['收件箱'], sent: ['寄件備份'], drafts: ['草稿'], trash: ['垃圾桶'], spam: ['垃圾郵件'] },
  'zh-TW': { inbox: ['收件匣'], sent: ['寄件備份'], drafts: ['草稿'], trash: ['垃圾桶'], spam: ['垃圾郵件'] },
  zu: {
    inbox: ['ibhokisi lokungenayo'],
    sent: ['imeyili ethunyelwe'],
    drafts: ['okungaphelele'],
    trash: ['udoti'],
    spam: ['ugaxekile'],
  },
};

/** Marks that change nothing a reader sees: zero-width space, joiners, word joiner, BOM, Arabic tatweel. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u0640]/g;
const IMAP_PREFIX = /^\[(?:gmail|google mail)\]\//;

/** A label as it is compared (see the module's doc). */
export function labelKey(label: string): string {
  return label
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()
    .normalize('NFC')
    .replace(IMAP_PREFIX, '');
}

const KINDS: ReadonlyMap<string, GmailLabelKind> = (() => {
  const map = new Map<string, GmailLabelKind>();
  for (const names of Object.values(GMAIL_LABEL_NAMES)) {
    for (const [kind, list] of Object.entries(names) as [GmailLabelKind, readonly string[]][]) {
      for (const name of list) map.set(labelKey(name), kind);
    }
  }
  return map;
})();

/** The system label `label` names in any known language, or null for a label of the user's own. */
export function gmailLabelKind(label: string): GmailLabelKind | null {
  return KINDS.get(labelKey(label)) ?? null;
}

/**
 * Answers by label set: a mailbox repeats a few dozen sets ("Inbox,Opened,Category Updates") over thousands of
 * messages, and normalising every label of every message was half a second per 80,000 messages.
 */
const seen = new Map<string, ReadonlySet<GmailLabelKind>>();
const SEEN_CAP = 2000;

/** The system labels among a message's labels (as read from X-Gmail-Labels), in any known language. */
export function gmailLabelKinds(labels: readonly string[]): ReadonlySet<GmailLabelKind> {
  const id = labels.join('\u0000');
  const known = seen.get(id);
  if (known) return known;
  const kinds = new Set<GmailLabelKind>();
  for (const name of labels) {
    const kind = gmailLabelKind(name);
    if (kind) kinds.add(kind);
  }
  if (seen.size >= SEEN_CAP) seen.clear();
  seen.set(id, kinds);
  return kinds;
}

/**
 * Whether a message's labels name Sent or Inbox in a known language. Every Takeout message bears one of them
 * unless it is a draft, spam, trash, chat or archived: a mailbox whose labelled messages never do is in a
 * language this table does not know.
 */
export function namesSentOrInbox(labels: readonly string[]): boolean {
  const kinds = gmailLabelKinds(labels);
  return kinds.has('sent') || kinds.has('inbox');
}
