/* text/date_names.c -- the words of the date grammar: month names of every
 * series (Egyptian/Gulf, Levantine/Iraqi, Maghrebi, Moroccan, Hijri), of
 * English and of the common European languages (French, Spanish,
 * Portuguese, Italian, German, Dutch, the Scandinavian ones, Romanian,
 * Polish, Czech, Hungarian, Turkish, Serbian/Bosnian, and in Cyrillic
 * Russian, Ukrainian, Bulgarian, Serbian), their usual abbreviations,
 * weekday names, Arabic day ordinals and time zones. All literals are in the
 * folded form kb_dlex produces (ا for أ إ آ, ه for ة, ي for ى, Latin lower
 * case without accents -- "marz", "pazdziernika", "subat" --, Cyrillic
 * lower case with е for ё). Slavic months are listed in the nominative and
 * in the genitive a date uses ("17 марта 2020"). */
#include "text/date.h"

#include <string.h>

typedef struct month_name {
    const char *w1, *w2;   /* w2: the second word of a two-word name */
    uint8_t l1, l2;        /* their lengths in bytes */
    int8_t month, cal;
    int8_t kind;           /* 0 a full name, 1 a Latin abbreviation ("Jan"),
                              2 an English name that is also a common
                              English word ("may", "march"), 3 an
                              abbreviation that is an English word ("ago",
                              "set", "out") */
} month_name;

/* Lengths come from sizeof, so that no lookup measures a string. */
#define M1(w, m, c, a) {w, NULL, sizeof(w) - 1, 0, m, c, a}
#define M2(w, w2, m, c) {w, w2, sizeof(w) - 1, sizeof(w2) - 1, m, c, 0}

static const month_name MONTHS[] = {
    /* Egyptian / Gulf series */
    M1("يناير", 1, KB_CAL_GREG, 0), M1("فبراير", 2, KB_CAL_GREG, 0),
    M1("فبرير", 2, KB_CAL_GREG, 0), M1("مارس", 3, KB_CAL_GREG, 0),
    M1("ابريل", 4, KB_CAL_GREG, 0), M1("مايو", 5, KB_CAL_GREG, 0),
    M1("يونيو", 6, KB_CAL_GREG, 0), M1("يونيه", 6, KB_CAL_GREG, 0),
    M1("يوليو", 7, KB_CAL_GREG, 0), M1("يوليه", 7, KB_CAL_GREG, 0),
    M1("اغسطس", 8, KB_CAL_GREG, 0), M1("سبتمبر", 9, KB_CAL_GREG, 0),
    M1("اكتوبر", 10, KB_CAL_GREG, 0), M1("نوفمبر", 11, KB_CAL_GREG, 0),
    M1("ديسمبر", 12, KB_CAL_GREG, 0),
    /* Levantine / Iraqi series */
    M2("كانون", "الثاني", 1, KB_CAL_GREG), M2("كانون", "ثاني", 1, KB_CAL_GREG),
    M1("شباط", 2, KB_CAL_GREG, 0), M1("اذار", 3, KB_CAL_GREG, 0),
    M1("نيسان", 4, KB_CAL_GREG, 0), M1("ايار", 5, KB_CAL_GREG, 0),
    M1("مايس", 5, KB_CAL_GREG, 0), M1("حزيران", 6, KB_CAL_GREG, 0),
    M1("تموز", 7, KB_CAL_GREG, 0), M1("اب", 8, KB_CAL_GREG, 0),
    M1("ايلول", 9, KB_CAL_GREG, 0),
    M2("تشرين", "الاول", 10, KB_CAL_GREG), M2("تشرين", "اول", 10, KB_CAL_GREG),
    M2("تشرين", "الثاني", 11, KB_CAL_GREG), M2("تشرين", "ثاني", 11, KB_CAL_GREG),
    M2("كانون", "الاول", 12, KB_CAL_GREG), M2("كانون", "اول", 12, KB_CAL_GREG),
    /* Maghrebi (Algeria, Tunisia) and Moroccan series */
    M1("جانفي", 1, KB_CAL_GREG, 0), M1("فيفري", 2, KB_CAL_GREG, 0),
    M1("افريل", 4, KB_CAL_GREG, 0), M1("ماي", 5, KB_CAL_GREG, 0),
    M1("جوان", 6, KB_CAL_GREG, 0), M1("جويليه", 7, KB_CAL_GREG, 0),
    M1("اوت", 8, KB_CAL_GREG, 0), M1("يوليوز", 7, KB_CAL_GREG, 0),
    M1("غشت", 8, KB_CAL_GREG, 0), M1("شتنبر", 9, KB_CAL_GREG, 0),
    M1("نونبر", 11, KB_CAL_GREG, 0), M1("دجنبر", 12, KB_CAL_GREG, 0),
    /* English */
    M1("january", 1, KB_CAL_GREG, 0), M1("february", 2, KB_CAL_GREG, 0),
    M1("march", 3, KB_CAL_GREG, 2), M1("april", 4, KB_CAL_GREG, 0),
    M1("may", 5, KB_CAL_GREG, 2), M1("june", 6, KB_CAL_GREG, 0),
    M1("july", 7, KB_CAL_GREG, 0), M1("august", 8, KB_CAL_GREG, 0),
    M1("september", 9, KB_CAL_GREG, 0), M1("october", 10, KB_CAL_GREG, 0),
    M1("november", 11, KB_CAL_GREG, 0), M1("december", 12, KB_CAL_GREG, 0),
    M1("jan", 1, KB_CAL_GREG, 1), M1("feb", 2, KB_CAL_GREG, 1),
    M1("mar", 3, KB_CAL_GREG, 1), M1("apr", 4, KB_CAL_GREG, 1),
    M1("jun", 6, KB_CAL_GREG, 1), M1("jul", 7, KB_CAL_GREG, 1),
    M1("aug", 8, KB_CAL_GREG, 1), M1("sep", 9, KB_CAL_GREG, 1),
    M1("sept", 9, KB_CAL_GREG, 1), M1("oct", 10, KB_CAL_GREG, 1),
    M1("nov", 11, KB_CAL_GREG, 1), M1("dec", 12, KB_CAL_GREG, 1),
    /* French (Maghrebi sites write it too) */
    M1("janvier", 1, KB_CAL_GREG, 0), M1("fevrier", 2, KB_CAL_GREG, 0),
    M1("mars", 3, KB_CAL_GREG, 0), M1("avril", 4, KB_CAL_GREG, 0),
    M1("mai", 5, KB_CAL_GREG, 0), M1("juin", 6, KB_CAL_GREG, 0),
    M1("juillet", 7, KB_CAL_GREG, 0), M1("aout", 8, KB_CAL_GREG, 0),
    M1("septembre", 9, KB_CAL_GREG, 0), M1("octobre", 10, KB_CAL_GREG, 0),
    M1("novembre", 11, KB_CAL_GREG, 0), M1("decembre", 12, KB_CAL_GREG, 0),
    /* French abbreviations */
    M1("janv", 1, KB_CAL_GREG, 1), M1("fevr", 2, KB_CAL_GREG, 1),
    M1("avr", 4, KB_CAL_GREG, 1), M1("juil", 7, KB_CAL_GREG, 1),
    /* Spanish */
    M1("enero", 1, KB_CAL_GREG, 0), M1("febrero", 2, KB_CAL_GREG, 0),
    M1("marzo", 3, KB_CAL_GREG, 0), M1("abril", 4, KB_CAL_GREG, 0),
    M1("mayo", 5, KB_CAL_GREG, 0), M1("junio", 6, KB_CAL_GREG, 0),
    M1("julio", 7, KB_CAL_GREG, 0), M1("agosto", 8, KB_CAL_GREG, 0),
    M1("septiembre", 9, KB_CAL_GREG, 0), M1("setiembre", 9, KB_CAL_GREG, 0),
    M1("octubre", 10, KB_CAL_GREG, 0), M1("noviembre", 11, KB_CAL_GREG, 0),
    M1("diciembre", 12, KB_CAL_GREG, 0),
    M1("ene", 1, KB_CAL_GREG, 1), M1("abr", 4, KB_CAL_GREG, 1),
    M1("ago", 8, KB_CAL_GREG, 3), M1("dic", 12, KB_CAL_GREG, 1),
    /* Portuguese */
    M1("janeiro", 1, KB_CAL_GREG, 0), M1("fevereiro", 2, KB_CAL_GREG, 0),
    M1("marco", 3, KB_CAL_GREG, 0), M1("maio", 5, KB_CAL_GREG, 0),
    M1("junho", 6, KB_CAL_GREG, 0), M1("julho", 7, KB_CAL_GREG, 0),
    M1("setembro", 9, KB_CAL_GREG, 0), M1("outubro", 10, KB_CAL_GREG, 0),
    M1("novembro", 11, KB_CAL_GREG, 0), M1("dezembro", 12, KB_CAL_GREG, 0),
    M1("fev", 2, KB_CAL_GREG, 1), M1("set", 9, KB_CAL_GREG, 3),
    M1("out", 10, KB_CAL_GREG, 3), M1("dez", 12, KB_CAL_GREG, 1),
    /* Italian */
    M1("gennaio", 1, KB_CAL_GREG, 0), M1("febbraio", 2, KB_CAL_GREG, 0),
    M1("aprile", 4, KB_CAL_GREG, 0), M1("maggio", 5, KB_CAL_GREG, 0),
    M1("giugno", 6, KB_CAL_GREG, 0), M1("luglio", 7, KB_CAL_GREG, 0),
    M1("settembre", 9, KB_CAL_GREG, 0), M1("ottobre", 10, KB_CAL_GREG, 0),
    M1("dicembre", 12, KB_CAL_GREG, 0),
    M1("gen", 1, KB_CAL_GREG, 3), M1("mag", 5, KB_CAL_GREG, 3),
    M1("giu", 6, KB_CAL_GREG, 1), M1("lug", 7, KB_CAL_GREG, 1),
    M1("ott", 10, KB_CAL_GREG, 1),
    /* German (März folds to marz; Jänner in Austria) */
    M1("januar", 1, KB_CAL_GREG, 0), M1("janner", 1, KB_CAL_GREG, 0),
    M1("februar", 2, KB_CAL_GREG, 0), M1("marz", 3, KB_CAL_GREG, 0),
    M1("maerz", 3, KB_CAL_GREG, 0), M1("juni", 6, KB_CAL_GREG, 0),
    M1("juli", 7, KB_CAL_GREG, 0), M1("oktober", 10, KB_CAL_GREG, 0),
    M1("dezember", 12, KB_CAL_GREG, 0),
    M1("okt", 10, KB_CAL_GREG, 1),
    /* Dutch */
    M1("januari", 1, KB_CAL_GREG, 0), M1("februari", 2, KB_CAL_GREG, 0),
    M1("maart", 3, KB_CAL_GREG, 0), M1("mei", 5, KB_CAL_GREG, 0),
    M1("augustus", 8, KB_CAL_GREG, 0),
    M1("mrt", 3, KB_CAL_GREG, 1),
    /* Swedish, Danish, Norwegian (the rest are above) */
    M1("augusti", 8, KB_CAL_GREG, 0), M1("marts", 3, KB_CAL_GREG, 0),
    M1("desember", 12, KB_CAL_GREG, 0),
    /* Romanian */
    M1("ianuarie", 1, KB_CAL_GREG, 0), M1("februarie", 2, KB_CAL_GREG, 0),
    M1("martie", 3, KB_CAL_GREG, 0), M1("aprilie", 4, KB_CAL_GREG, 0),
    M1("iunie", 6, KB_CAL_GREG, 0), M1("iulie", 7, KB_CAL_GREG, 0),
    M1("septembrie", 9, KB_CAL_GREG, 0), M1("octombrie", 10, KB_CAL_GREG, 0),
    M1("noiembrie", 11, KB_CAL_GREG, 0), M1("decembrie", 12, KB_CAL_GREG, 0),
    M1("ian", 1, KB_CAL_GREG, 1), M1("iun", 6, KB_CAL_GREG, 1),
    M1("iul", 7, KB_CAL_GREG, 1),
    /* Polish, nominative and genitive */
    M1("styczen", 1, KB_CAL_GREG, 0), M1("stycznia", 1, KB_CAL_GREG, 0),
    M1("luty", 2, KB_CAL_GREG, 0), M1("lutego", 2, KB_CAL_GREG, 0),
    M1("marzec", 3, KB_CAL_GREG, 0), M1("marca", 3, KB_CAL_GREG, 0),
    M1("kwiecien", 4, KB_CAL_GREG, 0), M1("kwietnia", 4, KB_CAL_GREG, 0),
    M1("maj", 5, KB_CAL_GREG, 0), M1("maja", 5, KB_CAL_GREG, 0),
    M1("czerwiec", 6, KB_CAL_GREG, 0), M1("czerwca", 6, KB_CAL_GREG, 0),
    M1("lipiec", 7, KB_CAL_GREG, 0), M1("lipca", 7, KB_CAL_GREG, 0),
    M1("sierpien", 8, KB_CAL_GREG, 0), M1("sierpnia", 8, KB_CAL_GREG, 0),
    M1("wrzesien", 9, KB_CAL_GREG, 0), M1("wrzesnia", 9, KB_CAL_GREG, 0),
    M1("pazdziernik", 10, KB_CAL_GREG, 0), M1("pazdziernika", 10, KB_CAL_GREG, 0),
    M1("listopad", 11, KB_CAL_GREG, 0), M1("listopada", 11, KB_CAL_GREG, 0),
    M1("grudzien", 12, KB_CAL_GREG, 0), M1("grudnia", 12, KB_CAL_GREG, 0),
    /* Czech, nominative and genitive (listopad as in Polish) */
    M1("leden", 1, KB_CAL_GREG, 0), M1("ledna", 1, KB_CAL_GREG, 0),
    M1("unor", 2, KB_CAL_GREG, 0), M1("unora", 2, KB_CAL_GREG, 0),
    M1("brezen", 3, KB_CAL_GREG, 0), M1("brezna", 3, KB_CAL_GREG, 0),
    M1("duben", 4, KB_CAL_GREG, 0), M1("dubna", 4, KB_CAL_GREG, 0),
    M1("kveten", 5, KB_CAL_GREG, 0), M1("kvetna", 5, KB_CAL_GREG, 0),
    M1("cerven", 6, KB_CAL_GREG, 0), M1("cervna", 6, KB_CAL_GREG, 0),
    M1("cervenec", 7, KB_CAL_GREG, 0), M1("cervence", 7, KB_CAL_GREG, 0),
    M1("srpen", 8, KB_CAL_GREG, 0), M1("srpna", 8, KB_CAL_GREG, 0),
    M1("zari", 9, KB_CAL_GREG, 0), M1("rijen", 10, KB_CAL_GREG, 0),
    M1("rijna", 10, KB_CAL_GREG, 0), M1("listopadu", 11, KB_CAL_GREG, 0),
    M1("prosinec", 12, KB_CAL_GREG, 0), M1("prosince", 12, KB_CAL_GREG, 0),
    /* Hungarian (the year comes first: "2020. március 17.") */
    M1("marcius", 3, KB_CAL_GREG, 0), M1("aprilis", 4, KB_CAL_GREG, 0),
    M1("majus", 5, KB_CAL_GREG, 0), M1("junius", 6, KB_CAL_GREG, 0),
    M1("julius", 7, KB_CAL_GREG, 0), M1("augusztus", 8, KB_CAL_GREG, 0),
    M1("szeptember", 9, KB_CAL_GREG, 0),
    /* Serbian, Bosnian (Latin) */
    M1("mart", 3, KB_CAL_GREG, 0), M1("avgust", 8, KB_CAL_GREG, 0),
    M1("septembar", 9, KB_CAL_GREG, 0), M1("oktobar", 10, KB_CAL_GREG, 0),
    M1("novembar", 11, KB_CAL_GREG, 0), M1("decembar", 12, KB_CAL_GREG, 0),
    /* Turkish (Şubat folds to subat, Ağustos to agustos) */
    M1("ocak", 1, KB_CAL_GREG, 0), M1("subat", 2, KB_CAL_GREG, 0),
    M1("nisan", 4, KB_CAL_GREG, 0), M1("mayis", 5, KB_CAL_GREG, 0),
    M1("haziran", 6, KB_CAL_GREG, 0), M1("temmuz", 7, KB_CAL_GREG, 0),
    M1("agustos", 8, KB_CAL_GREG, 0), M1("eylul", 9, KB_CAL_GREG, 0),
    M1("ekim", 10, KB_CAL_GREG, 0), M1("kasim", 11, KB_CAL_GREG, 0),
    M1("aralik", 12, KB_CAL_GREG, 0),
    /* Russian, nominative, genitive, abbreviations */
    M1("январь", 1, KB_CAL_GREG, 0), M1("января", 1, KB_CAL_GREG, 0),
    M1("февраль", 2, KB_CAL_GREG, 0), M1("февраля", 2, KB_CAL_GREG, 0),
    M1("март", 3, KB_CAL_GREG, 0), M1("марта", 3, KB_CAL_GREG, 0),
    M1("апрель", 4, KB_CAL_GREG, 0), M1("апреля", 4, KB_CAL_GREG, 0),
    M1("май", 5, KB_CAL_GREG, 0), M1("мая", 5, KB_CAL_GREG, 0),
    M1("июнь", 6, KB_CAL_GREG, 0), M1("июня", 6, KB_CAL_GREG, 0),
    M1("июль", 7, KB_CAL_GREG, 0), M1("июля", 7, KB_CAL_GREG, 0),
    M1("август", 8, KB_CAL_GREG, 0), M1("августа", 8, KB_CAL_GREG, 0),
    M1("сентябрь", 9, KB_CAL_GREG, 0), M1("сентября", 9, KB_CAL_GREG, 0),
    M1("октябрь", 10, KB_CAL_GREG, 0), M1("октября", 10, KB_CAL_GREG, 0),
    M1("ноябрь", 11, KB_CAL_GREG, 0), M1("ноября", 11, KB_CAL_GREG, 0),
    M1("декабрь", 12, KB_CAL_GREG, 0), M1("декабря", 12, KB_CAL_GREG, 0),
    M1("янв", 1, KB_CAL_GREG, 1), M1("фев", 2, KB_CAL_GREG, 1),
    M1("мар", 3, KB_CAL_GREG, 1), M1("апр", 4, KB_CAL_GREG, 1),
    M1("июн", 6, KB_CAL_GREG, 1), M1("июл", 7, KB_CAL_GREG, 1),
    M1("авг", 8, KB_CAL_GREG, 1), M1("сен", 9, KB_CAL_GREG, 1),
    M1("сент", 9, KB_CAL_GREG, 1), M1("окт", 10, KB_CAL_GREG, 1),
    M1("ноя", 11, KB_CAL_GREG, 1), M1("нояб", 11, KB_CAL_GREG, 1),
    M1("дек", 12, KB_CAL_GREG, 1),
    /* Ukrainian, nominative and genitive */
    M1("січень", 1, KB_CAL_GREG, 0), M1("січня", 1, KB_CAL_GREG, 0),
    M1("лютий", 2, KB_CAL_GREG, 0), M1("лютого", 2, KB_CAL_GREG, 0),
    M1("березень", 3, KB_CAL_GREG, 0), M1("березня", 3, KB_CAL_GREG, 0),
    M1("квітень", 4, KB_CAL_GREG, 0), M1("квітня", 4, KB_CAL_GREG, 0),
    M1("травень", 5, KB_CAL_GREG, 0), M1("травня", 5, KB_CAL_GREG, 0),
    M1("червень", 6, KB_CAL_GREG, 0), M1("червня", 6, KB_CAL_GREG, 0),
    M1("липень", 7, KB_CAL_GREG, 0), M1("липня", 7, KB_CAL_GREG, 0),
    M1("серпень", 8, KB_CAL_GREG, 0), M1("серпня", 8, KB_CAL_GREG, 0),
    M1("вересень", 9, KB_CAL_GREG, 0), M1("вересня", 9, KB_CAL_GREG, 0),
    M1("жовтень", 10, KB_CAL_GREG, 0), M1("жовтня", 10, KB_CAL_GREG, 0),
    M1("листопад", 11, KB_CAL_GREG, 0), M1("листопада", 11, KB_CAL_GREG, 0),
    M1("грудень", 12, KB_CAL_GREG, 0), M1("грудня", 12, KB_CAL_GREG, 0),
    /* Bulgarian and Serbian (Cyrillic) */
    M1("януари", 1, KB_CAL_GREG, 0), M1("февруари", 2, KB_CAL_GREG, 0),
    M1("април", 4, KB_CAL_GREG, 0), M1("юни", 6, KB_CAL_GREG, 0),
    M1("юли", 7, KB_CAL_GREG, 0), M1("септември", 9, KB_CAL_GREG, 0),
    M1("октомври", 10, KB_CAL_GREG, 0), M1("ноември", 11, KB_CAL_GREG, 0),
    M1("декември", 12, KB_CAL_GREG, 0),
    M1("јануар", 1, KB_CAL_GREG, 0), M1("фебруар", 2, KB_CAL_GREG, 0),
    M1("мај", 5, KB_CAL_GREG, 0), M1("јун", 6, KB_CAL_GREG, 0),
    M1("јул", 7, KB_CAL_GREG, 0), M1("септембар", 9, KB_CAL_GREG, 0),
    M1("октобар", 10, KB_CAL_GREG, 0), M1("новембар", 11, KB_CAL_GREG, 0),
    M1("децембар", 12, KB_CAL_GREG, 0),
    /* Hijri */
    M1("محرم", 1, KB_CAL_HIJRI, 0), M1("المحرم", 1, KB_CAL_HIJRI, 0),
    M1("صفر", 2, KB_CAL_HIJRI, 0),
    M2("ربيع", "الاول", 3, KB_CAL_HIJRI), M2("ربيع", "اول", 3, KB_CAL_HIJRI),
    M2("ربيع", "الاخر", 4, KB_CAL_HIJRI), M2("ربيع", "اخر", 4, KB_CAL_HIJRI),
    M2("ربيع", "الثاني", 4, KB_CAL_HIJRI), M2("ربيع", "ثاني", 4, KB_CAL_HIJRI),
    M2("جمادي", "الاولي", 5, KB_CAL_HIJRI), M2("جمادي", "الاول", 5, KB_CAL_HIJRI),
    M2("جمادي", "اولي", 5, KB_CAL_HIJRI),
    M2("جمادي", "الاخره", 6, KB_CAL_HIJRI), M2("جمادي", "الاخر", 6, KB_CAL_HIJRI),
    M2("جمادي", "الثانيه", 6, KB_CAL_HIJRI), M2("جمادي", "الثاني", 6, KB_CAL_HIJRI),
    M2("جمادي", "اخره", 6, KB_CAL_HIJRI),
    M1("رجب", 7, KB_CAL_HIJRI, 0), M1("شعبان", 8, KB_CAL_HIJRI, 0),
    M1("رمضان", 9, KB_CAL_HIJRI, 0), M1("شوال", 10, KB_CAL_HIJRI, 0),
    M2("ذو", "القعده", 11, KB_CAL_HIJRI), M2("ذي", "القعده", 11, KB_CAL_HIJRI),
    M2("ذا", "القعده", 11, KB_CAL_HIJRI), M1("ذوالقعده", 11, KB_CAL_HIJRI, 0),
    M2("ذو", "الحجه", 12, KB_CAL_HIJRI), M2("ذي", "الحجه", 12, KB_CAL_HIJRI),
    M2("ذا", "الحجه", 12, KB_CAL_HIJRI), M1("ذوالحجه", 12, KB_CAL_HIJRI, 0),
};

static int same_n(const kb_dtok *t, const char *w, size_t n)
{
    return t->wlen == n && memcmp(t->w, w, n) == 0;
}

int kb_dname_month(kb_dsrc *src, const kb_dtok *t, int *cal, size_t *end, int *abbr)
{
    /* the word table holds every name's first word: most words stop here */
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return 0;
    int need2 = 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++) {
        const month_name *m = &MONTHS[i];
        if (!same_n(t, m->w1, m->l1)) continue;
        if (!m->w2) {
            *cal = m->cal;
            *end = t->end;
            *abbr = m->kind == 1 || m->kind == 3;
            return m->month;
        }
        need2 = 1;
        break;
    }
    if (!need2) return 0;
    kb_dtok u;
    if (kb_dsrc_lex(src, t->end, &u) != KB_DT_WORD || u.newline) return 0;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++) {
        const month_name *m = &MONTHS[i];
        if (m->w2 && same_n(t, m->w1, m->l1) && same_n(&u, m->w2, m->l2)) {
            *cal = m->cal;
            *end = u.end;
            *abbr = 0;
            return m->month;
        }
    }
    return 0;
}

int kb_dname_month_kind(const kb_dtok *t)
{
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return -1;
    for (size_t i = 0; i < sizeof MONTHS / sizeof *MONTHS; i++)
        if (!MONTHS[i].w2 && same_n(t, MONTHS[i].w1, MONTHS[i].l1)) return MONTHS[i].kind;
    return -1;
}

typedef struct day_name {
    const char *w;
    uint8_t len;
    int8_t wd, abbr;
} day_name;
#define D(w, wd, a) {w, sizeof(w) - 1, wd, a}

static const day_name WEEKDAYS[] = {
    D("الاحد", 0, 0), D("الاثنين", 1, 0), D("الاثنان", 1, 0), D("الثلاثاء", 2, 0),
    D("الثلاثا", 2, 0), D("الاربعاء", 3, 0), D("الاربعا", 3, 0), D("الخميس", 4, 0),
    D("الجمعه", 5, 0), D("السبت", 6, 0),
    D("sunday", 0, 0), D("monday", 1, 0), D("tuesday", 2, 0), D("wednesday", 3, 0),
    D("thursday", 4, 0), D("friday", 5, 0), D("saturday", 6, 0),
    D("sun", 0, 1), D("mon", 1, 1), D("tue", 2, 1), D("tues", 2, 1), D("wed", 3, 1),
    D("thu", 4, 1), D("thur", 4, 1), D("thurs", 4, 1), D("fri", 5, 1), D("sat", 6, 1),
    D("dimanche", 0, 0), D("lundi", 1, 0), D("mardi", 2, 0), D("mercredi", 3, 0),
    D("jeudi", 4, 0), D("vendredi", 5, 0), D("samedi", 6, 0),
    /* Spanish (domingo, sabado: Portuguese too) */
    D("domingo", 0, 0), D("lunes", 1, 0), D("martes", 2, 0), D("miercoles", 3, 0),
    D("jueves", 4, 0), D("viernes", 5, 0), D("sabado", 6, 0),
    /* Italian */
    D("domenica", 0, 0), D("lunedi", 1, 0), D("martedi", 2, 0), D("mercoledi", 3, 0),
    D("giovedi", 4, 0), D("venerdi", 5, 0), D("sabato", 6, 0),
    /* German */
    D("sonntag", 0, 0), D("montag", 1, 0), D("dienstag", 2, 0), D("mittwoch", 3, 0),
    D("donnerstag", 4, 0), D("freitag", 5, 0), D("samstag", 6, 0), D("sonnabend", 6, 0),
    /* Dutch */
    D("zondag", 0, 0), D("maandag", 1, 0), D("dinsdag", 2, 0), D("woensdag", 3, 0),
    D("donderdag", 4, 0), D("vrijdag", 5, 0), D("zaterdag", 6, 0),
    /* Romanian */
    D("duminica", 0, 0), D("luni", 1, 0), D("marti", 2, 0), D("miercuri", 3, 0),
    D("joi", 4, 0), D("vineri", 5, 0), D("sambata", 6, 0),
    /* Polish */
    D("niedziela", 0, 0), D("poniedzialek", 1, 0), D("wtorek", 2, 0), D("sroda", 3, 0),
    D("czwartek", 4, 0), D("piatek", 5, 0), D("sobota", 6, 0),
    /* Turkish */
    D("pazar", 0, 0), D("pazartesi", 1, 0), D("sali", 2, 0), D("carsamba", 3, 0),
    D("persembe", 4, 0), D("cuma", 5, 0), D("cumartesi", 6, 0),
    /* Russian */
    D("воскресенье", 0, 0), D("понедельник", 1, 0), D("вторник", 2, 0), D("среда", 3, 0),
    D("четверг", 4, 0), D("пятница", 5, 0), D("суббота", 6, 0),
};

int kb_dname_weekday(const kb_dtok *t, int *abbr)
{
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return -1;
    for (size_t i = 0; i < sizeof WEEKDAYS / sizeof *WEEKDAYS; i++)
        if (same_n(t, WEEKDAYS[i].w, WEEKDAYS[i].len)) {
            *abbr = WEEKDAYS[i].abbr;
            return WEEKDAYS[i].wd;
        }
    return -1;
}

/* Ordinal units as written for a day: "الحادي" only before a ten. */
static const char *const UNITS[] = {
    "الحادي", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع",
    "الثامن", "التاسع",
};

int kb_dname_ordinal(kb_dsrc *src, const kb_dtok *t, size_t *end)
{
    if (t->kind != KB_DT_WORD || !(kb_dword_class(t->w, t->wlen) & KB_DW_DATE)) return 0;
    if (kb_dword(t, "العاشر")) { *end = t->end; return 10; }
    if (kb_dword(t, "العشرين") || kb_dword(t, "العشرون")) { *end = t->end; return 20; }
    if (kb_dword(t, "الثلاثين") || kb_dword(t, "الثلاثون")) { *end = t->end; return 30; }
    int unit = 0;
    if (kb_dword(t, "الاول")) unit = -1;   /* first: never before a ten */
    for (int i = 0; i < 9 && !unit; i++)
        if (kb_dword(t, UNITS[i])) unit = i + 1;
    if (!unit) return 0;
    if (unit == -1) { *end = t->end; return 1; }
    kb_dtok u;
    int k = kb_dsrc_lex(src, t->end, &u);
    if (k == KB_DT_WORD && !u.newline) {
        if (kb_dword(&u, "عشر") || kb_dword(&u, "عشره")) {
            *end = u.end;
            return unit + 10;
        }
        int tens = 0;
        size_t e = u.end;
        if (kb_dword(&u, "والعشرين") || kb_dword(&u, "والعشرون")) tens = 20;
        else if (kb_dword(&u, "والثلاثين") || kb_dword(&u, "والثلاثون")) tens = 30;
        else if (kb_dword(&u, "و")) {
            kb_dtok v;
            if (kb_dsrc_lex(src, u.end, &v) == KB_DT_WORD && !v.newline) {
                if (kb_dword(&v, "العشرين") || kb_dword(&v, "العشرون")) tens = 20;
                else if (kb_dword(&v, "الثلاثين") || kb_dword(&v, "الثلاثون")) tens = 30;
                e = v.end;
            }
        }
        if (tens && unit + tens <= 31) {
            *end = e;
            return unit + tens;
        }
    }
    if (unit == 1) return 0;   /* "الحادي" alone is no day */
    *end = t->end;
    return unit;
}

/* "+03:00", "+0300", "+03", "+3" at byte pos (the sign included). */
static int numeric_offset(kb_dsrc *src, size_t pos, int *minutes, size_t *end)
{
    kb_dtok t, u;
    if (kb_dsrc_lex(src, pos, &t) != KB_DT_PUNCT) return 0;
    int sign;
    if (t.cp == '+') sign = 1;
    else if (t.cp == '-' || t.cp == 0x2212) sign = -1;
    else return 0;
    if (kb_dsrc_lex(src, t.end, &u) != KB_DT_NUM || u.space) return 0;
    int h, m = 0;
    size_t e = u.end;
    if (u.ndig == 4) { h = (int)(u.val / 100); m = (int)(u.val % 100); }
    else if (u.ndig <= 2) {
        h = (int)u.val;
        kb_dtok c, v;
        if (kb_dsrc_lex(src, u.end, &c) == KB_DT_PUNCT && c.cp == ':' && !c.space &&
            kb_dsrc_lex(src, c.end, &v) == KB_DT_NUM && !v.space && v.ndig == 2) {
            m = (int)v.val;
            e = v.end;
        }
    } else return 0;
    if (h > 14 || m > 59) return 0;
    *minutes = sign * (h * 60 + m);
    *end = e;
    return 1;
}

typedef struct zone_name {
    const char *w;
    int16_t minutes;
} zone_name;

/* Fixed offsets only: zones whose offset changes with the season (Cairo,
 * Beirut) are left alone rather than guessed. */
static const zone_name ZONES[] = {
    {"gmt", 0}, {"utc", 0}, {"ut", 0}, {"wet", 0}, {"west", 60}, {"bst", 60},
    {"cet", 60}, {"cest", 120}, {"eet", 120}, {"eest", 180}, {"msk", 180},
    {"ksa", 180}, {"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
    {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"غرينتش", 0}, {"جرينتش", 0}, {"غرينيتش", 0}, {"جرينيتش", 0},
};

static const zone_name CITIES[] = {
    {"غرينتش", 0}, {"جرينتش", 0}, {"غرينيتش", 0}, {"جرينيتش", 0},
    {"مكه", 180}, {"السعوديه", 180}, {"الرياض", 180}, {"الدوحه", 180},
    {"بغداد", 180}, {"الكويت", 180}, {"المنامه", 180}, {"ابوظبي", 240},
    {"الامارات", 240}, {"دبي", 240}, {"مسقط", 240},
};

static int zone_at(kb_dsrc *src, size_t pos, int paren, int *minutes, size_t *end);

int kb_dname_tz(kb_dsrc *src, size_t pos, int *minutes, size_t *end)
{
    return zone_at(src, pos, 1, minutes, end);
}

/* paren: one '(' may open the zone (never a second: "((((" cannot recurse) */
static int zone_at(kb_dsrc *src, size_t pos, int paren, int *minutes, size_t *end)
{
    kb_dtok t;
    int k = kb_dsrc_lex(src, pos, &t);
    if (k == KB_DT_END || t.newline) return 0;
    if (k == KB_DT_PUNCT && t.cp == '(') {
        size_t e;
        kb_dtok c;
        if (!paren || !zone_at(src, t.end, 0, minutes, &e)) return 0;
        if (kb_dsrc_lex(src, e, &c) != KB_DT_PUNCT || c.cp != ')' || c.newline) return 0;
        *end = c.end;
        return 1;
    }
    if (k == KB_DT_PUNCT) {
        /* "10:05 -3" is not a zone; RFC 2822 "10:05:00 +0300" is */
        kb_dtok n;
        if (t.space && (kb_dsrc_lex(src, t.end, &n) != KB_DT_NUM || n.ndig != 4))
            return 0;
        return numeric_offset(src, pos, minutes, end);
    }
    if (k != KB_DT_WORD) return 0;
    if (kb_dword(&t, "z") && !t.space) { *minutes = 0; *end = t.end; return 1; }
    if (kb_dword(&t, "بتوقيت") || kb_dword(&t, "توقيت")) {
        kb_dtok c;
        if (kb_dsrc_lex(src, t.end, &c) != KB_DT_WORD || c.newline) return 0;
        for (size_t i = 0; i < sizeof CITIES / sizeof *CITIES; i++)
            if (kb_dword(&c, CITIES[i].w)) {
                *minutes = CITIES[i].minutes;
                *end = c.end;
                kb_dtok d;
                if (kb_dsrc_lex(src, c.end, &d) == KB_DT_WORD && !d.newline &&
                    kb_dword(&d, "المكرمه"))
                    *end = d.end;
                return 1;
            }
        return 0;
    }
    for (size_t i = 0; i < sizeof ZONES / sizeof *ZONES; i++)
        if (kb_dword(&t, ZONES[i].w)) {
            *minutes = ZONES[i].minutes;
            *end = t.end;
            int off;
            size_t e;
            if (ZONES[i].minutes == 0 && numeric_offset(src, t.end, &off, &e)) {
                kb_dtok sgn;
                kb_dsrc_lex(src, t.end, &sgn);
                if (!sgn.space) { *minutes = off; *end = e; }
            }
            return 1;
        }
    return 0;
}
