/* tests/test_date.c -- the date grammar (kb_date_find), ISO 8601 / RFC 2822
 * parsing and writing, day numbers and the Hijri calendar.
 *
 * Every expected value below was worked out by hand from the text. Sources:
 * samples/ (S), the pages in ../shared/data/html/arabic (H: BBC Arabic 2024,
 * CNN Arabic 2013, LBC 2026), SaudiNewsNet articles of July-August 2015 (N:
 * Asharq Al-Awsat, Al-Riyadh, Al-Jazirah, Okaz, Sabq, SPA...), and the header
 * formats of news sites as they print them (F). */
#include "kb_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/date.h"

typedef struct dcase {
    const char *text;
    const char *iso;     /* expected kb_date_iso of the first date */
    const char *span;    /* expected matched text; NULL: the whole text */
    int weekday;         /* expected weekday field; -2: not checked */
    int hijri;           /* expected hijri flag; -1: not checked */
} dcase;

static const dcase CASES[] = {
    /* S: samples */
    {"تاريخ النشر: 25th, January 2024 GMT", "2024-01-25", "25th, January 2024", -1, 0},
    {"أغسطس 12, 2024آخر تحديث: أغسطس 12, 2024", "2024-08-12", "أغسطس 12, 2024", -1, 0},
    {"وفي موعد أقصاه نهاية سبتمبر 2025، فيما", "2025-09", "سبتمبر 2025", -1, 0},
    {"استمرار المهمة العسكرية للتحالف في سوريا حتى سبتمبر 2026.وأشار", "2026-09",
     "سبتمبر 2026", -1, 0},
    {"لإنهاء عمل التحالف رسمياً بحلول سبتمبر 2025.", "2025-09", "سبتمبر 2025", -1, 0},
    /* H: BBC Arabic, CNN Arabic, LBC */
    {"3 مارس/ آذار 2024", "2024-03-03", NULL, -1, 0},
    {"في مدينة جلاسكو البريطانية - 2 مارس/آذار 2024", "2024-03-02", "2 مارس/آذار 2024", -1, 0},
    {"ودخل بوشنل الخدمة الفعلية في الجيش في 5 مايو/أيار 2020، وفقاً للقوات الجوية",
     "2020-05-05", "5 مايو/أيار 2020", -1, 0},
    {"26 فبراير/ شباط 2024", "2024-02-26", NULL, -1, 0},
    {"الولايات المتحدة الأمريكية، 27 فبراير/شباط 2024", "2024-02-27", "27 فبراير/شباط 2024", -1, 0},
    {"الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)", "2013-08-04",
     "الأحد، 04 آب/اغسطس 2013", 0, 0},
    {"الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)", "2013-08-28",
     "الأربعاء، 28 آب/اغسطس 2013", 3, 0},
    {"2026-01-08 | 12:42", "2026-01-08T12:42", NULL, -1, 0},
    {"\"datePublished\":\"2024-03-03T13:52:13.299Z\",", "2024-03-03T13:52:13Z",
     "2024-03-03T13:52:13.299Z", -1, 0},
    {"content=\"2026-01-08T11:42:50+00:00\"", "2026-01-08T11:42:50Z",
     "2026-01-08T11:42:50+00:00", -1, 0},
    /* N: Saudi papers, 2015 */
    {"تسلمتهم السفارة الفرنسية في بيروت في 14 يوليو (تموز) 2011، في منطقة", "2011-07-14",
     "14 يوليو (تموز) 2011", -1, 0},
    {"برحلة بين أمستردام وكوالالمبور في 17 من يوليو (تموز) 2014 عندما أسقطت", "2014-07-17",
     "17 من يوليو (تموز) 2014", -1, 0},
    {"ومنذ بدء التحقيق في يوليو (تموز) 2013، صدرت 4 استنابات", "2013-07",
     "يوليو (تموز) 2013", -1, 0},
    {"لتولي عميدها المنتخب منصبه في 25 يوليو (تموز) عام 2013.", "2013-07-25",
     "25 يوليو (تموز) عام 2013", -1, 0},
    {"وفي 14 يوليو (تموز) من عام 1906، ولد فيل هنا", "1906-07-14",
     "14 يوليو (تموز) من عام 1906", -1, 0},
    {"التي وقعت في 6 أغسطس (آب) 2012، الموافق 17 رمضان، حين كان الجنود", "2012-08-06",
     "6 أغسطس (آب) 2012، الموافق 17 رمضان", -1, 0},
    {"الرئيس عبدالفتاح السيسي يوم الخميس 14 / 10 / 1436هـ الموافق 30 / 7 / 2015م.",
     "2015-07-30", "الخميس 14 / 10 / 1436هـ الموافق 30 / 7 / 2015م", 4, 0},
    {"مع المركز الوطني للقياس والتقويم يوم الأربعاء 13/10/1436هـ الموافق 29/7/2015. تهدف",
     "2015-07-29", "الأربعاء 13/10/1436هـ الموافق 29/7/2015", 3, 0},
    {"قطاع ظهران الجنوب بمنطقة عسير استشهدوا يوم الجمعة 1436/10/15هـ بعد تعرض",
     "2015-07-31", "الجمعة 1436/10/15هـ", 5, 1},
    {"من صباح أمس الجمعة الموافق 15/ 10/ 1436هـ، تعرض مركز المسيال", "2015-07-31",
     "الجمعة الموافق 15/ 10/ 1436هـ", 5, 1},
    {"أمس الجمعة الموافق ١٤٣٦/١٠/١٥ في محافظة ثادق", "2015-07-31",
     "الجمعة الموافق ١٤٣٦/١٠/١٥", 5, 1},
    /* the tabular calendar says Monday 3 August; the named Sunday corrects it */
    {"وستبدأ الزيارات اعتبارا من يوم غد الأحد 17/10/1436هـ و تستمر لمدة أسبوع", "2015-08-02",
     "الأحد 17/10/1436هـ", 0, 1},
    {"الصادر يوم الثلاثاء الموافق 21 يوليو- تموز 2015م، بعنوان: (تحرش جماعي)", "2015-07-21",
     "الثلاثاء الموافق 21 يوليو- تموز 2015م", 2, 0},
    {"ولد العلامة علي محمد أبوالمكارم في 9/2/1936م، درس الليسانس", "1936-02-09",
     "9/2/1936م", -1, 0},
    {"في يوم الإثنين الموافق 26/9/1436هـ، رحل عن هذه الدار", "2015-07-13",
     "الإثنين الموافق 26/9/1436هـ", 1, 1},
    {"مساء يوم الخميس الموافق 14 شوال 1436هـ بمنزله بمدينة بللسمر", "2015-07-30",
     "الخميس الموافق 14 شوال 1436هـ", 4, 1},
    {"في عددها رقم 7956 يوم الجمعة الثامن من شوال 1436هـ وجاء في التقرير", "2015-07-24",
     "الجمعة الثامن من شوال 1436هـ", 5, 1},
    {"جنيف 25 شوال 1436 هـ الموافق 10 اغسطس 2015", "2015-08-10",
     "25 شوال 1436 هـ الموافق 10 اغسطس 2015", -1, 0},
    {"سيقام بمحافظة الطائف خلال الفترة 19 – 21 شوال 1436هـ الموافق 4 – 6 أغسطس 2015م بالتعاون",
     "2015-08-04", "19 – 21 شوال 1436هـ الموافق 4 – 6 أغسطس 2015م", -1, 0},
    {"باكورة الصرام فالاحساء تبدأ شهر أغسطس 15/8/2015م الموافق30 شوال، وتوقع", "2015-08-15",
     "15/8/2015م الموافق30 شوال", -1, 0},
    {"دثة من الشركة الفرنسية يوم 12 أغسطس (آب) 2015، وعلى عقد", "2015-08-12",
     "12 أغسطس (آب) 2015", -1, 0},
    {"تختلف عن اتفاقات حمص القديمة (مايو/ أيار 2014) لجهة", "2014-05", "مايو/ أيار 2014", -1, 0},
    {"سوق الفورية أدنى مستوى له منذ فبراير شباط 2010 عند 1077 دولارا", "2010-02",
     "فبراير شباط 2010", -1, 0},
    {"يناير (كانون الثاني) 2011 أو يونيو (حزيران) 2013».", "2011-01",
     "يناير (كانون الثاني) 2011", -1, 0},
    {"اتفاق المبادرة الخليجية في 3 ابريل من عام 2011 حيث نصت", "2011-04-03",
     "3 ابريل من عام 2011", -1, 0},
    {"همته على رأس الفيفا حتى 26 من فبراير 2016، وهو الموعد", "2016-02-26",
     "26 من فبراير 2016", -1, 0},
    {"الفيفا حتى السادس والعشرين من فبراير 2016، وهو الموعد", "2016-02-26",
     "السادس والعشرين من فبراير 2016", -1, 0},
    {"ان جنيف الموقع في الثلاثين من يونيو (حزيران) 2012، بكل بنوده", "2012-06-30",
     "الثلاثين من يونيو (حزيران) 2012", -1, 0},
    {"في أدنى مستوى لها منذ شهر أكتوبر من عام 2009م قبل أن تتعافى", "2009-10",
     "أكتوبر من عام 2009م", -1, 0},
    {"قانون خدمة العلم المرتكبة قبل 25-7-2015.”", "2015-07-25", "25-7-2015", -1, 0},
    {"خلال الفترة من 30/11 وحتى 2 /12/2015 بمركز الرياض الدولي", "2015-12-02",
     "2 /12/2015", -1, 0},
    {"إنه في يوم الأربعاء الموافق 6-10-1436 هـ الساعة 1.30 ظهراً راجع", "2015-07-22T13:30",
     "الأربعاء الموافق 6-10-1436 هـ الساعة 1.30 ظهراً", 3, 1},
    {"في تاريخ 16 مايو 2007م الموافق 28 ربيع الآخر عام", "2007-05-16",
     "16 مايو 2007م الموافق 28 ربيع الآخر", -1, 0},
    {"الملك فيصل بمكة المكرمة بتاريخ 26 /9 /1436هـ الساعة 7:39 مساء بواسطة", "2015-07-13T19:39",
     "26 /9 /1436هـ الساعة 7:39 مساء", -1, 1},
    {"الته يوم السابع من شهر جمادى الأولى 1344هـ الموافق 14 كانون الأول 1925م مسترشدا",
     "1925-12-14", "السابع من شهر جمادى الأولى 1344هـ الموافق 14 كانون الأول 1925م", -1, 0},
    {"الذي يقول: «اعتقلوني في الثالث من أغسطس (آب) 1988». ولم أخرج", "1988-08-03",
     "الثالث من أغسطس (آب) 1988", -1, 0},
    {"ي ملكا على المملكة يوم الثلاثاء الثالث عشر من ربيع الأول 1395 - 25 مارس 1975، وبويع",
     "1975-03-25", "الثلاثاء الثالث عشر من ربيع الأول 1395 - 25 مارس 1975", 2, 0},
    /* F: site header formats */
    {"نُشر في 23 يوليو 202423/7/2024", "2024-07-23", "23 يوليو 2024", -1, 0},       /* Al Jazeera */
    {"آخر تحديث: 23/7/202410:05 (توقيت مكة)", "2024-07-23T10:05+03:00",
     "23/7/202410:05 (توقيت مكة)", -1, 0},                                       /* Al Jazeera */
    {"نشر في: 23 يوليو ,2024: 10:35 ص KSA", "2024-07-23T10:35+03:00",
     "23 يوليو ,2024: 10:35 ص KSA", -1, 0},                                      /* Al Arabiya */
    {"الثلاثاء - 17 مُحرَّم 1446 هـ - 23 يوليو 2024 مـ", "2024-07-23", NULL, 2, 0}, /* Asharq Al-Awsat */
    {"نُشر: 10:05-23 يوليو 2024 م ـ 17 مُحرَّم 1446 هـ", "2024-07-23T10:05",
     "10:05-23 يوليو 2024 م ـ 17 مُحرَّم 1446 هـ", -1, 0},                      /* Asharq Al-Awsat */
    {"الثلاثاء 17 محرم 1446 هـ الموافق 23 يوليو 2024 م", "2024-07-23", NULL, 2, 0},
    {"الثلاثاء 17 محرم 1446هـ 23 يوليو 2024م", "2024-07-23", NULL, 2, 0},         /* Okaz */
    {"الثلاثاء 23 يوليو 2024 - 10:05", "2024-07-23T10:05", NULL, 2, 0},           /* Hespress */
    {"الأربعاء 12 غشت 2020 - 22:40", "2020-08-12T22:40", NULL, 3, 0},             /* Hespress */
    {"2024/07/23 10:05", "2024-07-23T10:05", NULL, -1, 0},                          /* Echorouk */
    {"23 جويلية 2024", "2024-07-23", NULL, -1, 0},                                  /* Echorouk */
    {"تونس في 14 جانفي 2011", "2011-01-14", "14 جانفي 2011", -1, 0},
    {"23-7-2024 | 10:05", "2024-07-23T10:05", NULL, -1, 0},                         /* Al-Ahram */
    {"الثلاثاء، 23 يوليو 2024 10:05 ص", "2024-07-23T10:05", NULL, 2, 0},          /* Youm7 */
    {"23 يوليو 2024 01:39 صباحا", "2024-07-23T01:39", NULL, -1, 0},               /* Al Khaleej */
    {"آخر تحديث: 23 يوليو 2024 - 10:05 م بتوقيت أبوظبي", "2024-07-23T22:05+04:00",
     "23 يوليو 2024 - 10:05 م بتوقيت أبوظبي", -1, 0},                            /* Sky News Arabia */
    {"يوليو 23, 2024", "2024-07-23", NULL, -1, 0},                                  /* WordPress */
    {"الجمعة 5 كانون الثاني 2024", "2024-01-05", NULL, 5, 0},                      /* Lebanon */
    {"بغداد 1 تشرين الأول 2023", "2023-10-01", "1 تشرين الأول 2023", -1, 0},      /* Iraq */
    {"23 تموز 2024", "2024-07-23", NULL, -1, 0},
    {"12 غشت 2024 و 3 دجنبر 2023", "2024-08-12", "12 غشت 2024", -1, 0},          /* Morocco */
    {"الأول من يوليو 2024", "2024-07-01", NULL, -1, 0},
    {"الحادي والعشرين من سبتمبر 2023", "2023-09-21", NULL, -1, 0},
    {"في الـ 20 من آب 2015", "2015-08-20", "الـ 20 من آب 2015", -1, 0},
    /* the weekday contradicts the date (12 August 2024 was a Monday): the
     * date stays, the weekday stays as written */
    {"الأحد، 12 أغسطس 2024 - 10:30 م", "2024-08-12T22:30", NULL, 0, 0},
    {"٢٣/٠٧/٢٠٢٤", "2024-07-23", NULL, -1, 0},
    {"۲۳/۰۷/۲۰۲۴", "2024-07-23", NULL, -1, 0},
    {"23.07.2024", "2024-07-23", NULL, -1, 0},
    {"07/23/2024", "2024-07-23", NULL, -1, 0},          /* month first: day first is impossible */
    {"05/07/2024", "2024-07-05", NULL, -1, 0},          /* day first when both are possible */
    {"2024-07-23T10:05:00+03:00", "2024-07-23T10:05:00+03:00", NULL, -1, 0},
    {"2024-07-23 (الثلاثاء)", "2024-07-23", NULL, 2, 0},
    /* English */
    {"Tuesday 23 July 2024", "2024-07-23", NULL, 2, 0},                       /* BBC */
    {"July 23, 2024 10:05 AM GMT+3", "2024-07-23T10:05+03:00", NULL, -1, 0},    /* Reuters */
    {"July 23, 2024 at 10:05 a.m. EDT", "2024-07-23T10:05-04:00", NULL, -1, 0}, /* AP */
    {"Published On 23 Jul 2024", "2024-07-23", "23 Jul 2024", -1, 0},         /* Al Jazeera English */
    {"Jan 25th 2024", "2024-01-25", NULL, -1, 0},
    {"January 25, 2024", "2024-01-25", NULL, -1, 0},
    {"25 January 2024", "2024-01-25", NULL, -1, 0},
    {"Tue, 23 Jul 2024 10:05:00 GMT", "2024-07-23T10:05:00Z", NULL, 2, 0},
    {"The Sun 23 July 2024", "2024-07-23", "23 July 2024", -1, 0},   /* a paper, not Sunday */
    {"Mardi 23 juillet 2024", "2024-07-23", NULL, 2, 0},               /* French, Maghreb */
};

static void finds_real_dates(void **state)
{
    (void)state;
    int bad = 0;
    for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
        const dcase *c = &CASES[i];
        kb_date_match m;
        size_t n = strlen(c->text);
        if (!kb_date_find(c->text, n, &m)) {
            print_error("case %zu: no date in \"%s\"\n", i, c->text);
            bad++;
            continue;
        }
        char iso[32];
        kb_date_iso(&m.date, iso);
        const char *span = c->span ? c->span : c->text;
        const char *at = strstr(c->text, span);
        size_t want_start = at ? (size_t)(at - c->text) : 0;
        if (strcmp(iso, c->iso) != 0 || m.start != want_start ||
            m.end - m.start != strlen(span) ||
            (c->weekday != -2 && m.date.weekday != c->weekday) ||
            (c->hijri >= 0 && m.date.hijri != c->hijri)) {
            print_error("case %zu: \"%s\": got %s [%.*s] weekday %d hijri %d; want %s [%s] "
                        "weekday %d hijri %d\n", i, c->text, iso, (int)(m.end - m.start),
                        c->text + m.start, m.date.weekday, m.date.hijri, c->iso, span,
                        c->weekday, c->hijri);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_true(sizeof CASES / sizeof *CASES >= 60);
}

/* Numbers that are not dates, and dates that are not plausible. */
static void rejects_non_dates(void **state)
{
    (void)state;
    static const char *const NOT_DATES[] = {
        "وتنشر الولايات المتحدة 2500 عسكري في العراق",
        "بلغت الخسائر 2,500 دولار بنسبة 12.5% خلال عام 2024",
        "سيطر على مساحات شاسعة من البلاد في عام 2014 قبل أن يهزمه",
        "في 2024 وبحلول 2026",
        "تعود إلى 1446 هـ",
        "اتصل على +966 11 234 5678 أو 0770-123-4567",
        "الموسم 2019-2020 خدمة 24/7 الساعة 10:05 النتيجة 3-1",
        "النسخة 1.5.3 والعنوان 192.168.1.100 وISBN 978-3-16-148410-0",
        "أنفق 1,500,000 دولار و10.000.000 ريال و1.250.000",
        "31/02/2024 و 29/02/2023",                  /* days that do not exist */
        "ولدت قصة أليس في 4 يوليو (تموز) 1862 عندما",  /* year outside 1900..2100 */
        "الذي أبرم بين إيران والقوى الكبرى في 14 يوليو (تموز) بعد",  /* no year */
        "منذ بدء المعركة في الثالث من يوليو (تموز) الحالي",          /* no year */
        "مسلسلات رمضان 2024",                       /* a Hijri month with a Gregorian year */
        "https://example.com/2024/07/23/story",     /* a URL path */
        "we may 2024 agree",
        "Q3 2024",
        "وصل 15 شخصا في مايو الماضي",
        "",
    };
    for (size_t i = 0; i < sizeof NOT_DATES / sizeof *NOT_DATES; i++) {
        kb_date_match m;
        if (kb_date_find(NOT_DATES[i], strlen(NOT_DATES[i]), &m)) {
            char iso[32];
            kb_date_iso(&m.date, iso);
            print_error("\"%s\": unexpected %s [%.*s]\n", NOT_DATES[i], iso,
                        (int)(m.end - m.start), NOT_DATES[i] + m.start);
            fail();
        }
    }
}

/* Sample 000 opens with the publication date glued to the update date. */
static void glued_published_and_updated(void **state)
{
    (void)state;
    size_t n;
    char *text = kb_test_read_file(kb_test_path("samples/000_f122214a9d49da4a.txt"), &n);
    assert_non_null(text);
    kb_date_match m;
    assert_int_equal(kb_date_find(text, n, &m), 1);
    char iso[32];
    kb_date_iso(&m.date, iso);
    assert_string_equal(iso, "2024-07-23");
    assert_int_equal(m.start, 0);
    assert_memory_equal(text + m.start, "يوليو 23, 2024", m.end - m.start);
    size_t first_end = m.end;
    /* a second call from m.end finds the update date */
    assert_int_equal(kb_date_find(text + first_end, n - first_end, &m), 1);
    kb_date_iso(&m.date, iso);
    assert_string_equal(iso, "2024-07-23");
    assert_memory_equal(text + first_end + m.start, "يوليو 23, 2024", m.end - m.start);
    assert_memory_equal(text + first_end + m.start - strlen("آخر تحديث: "), "آخر تحديث: ",
                        strlen("آخر تحديث: "));
    /* the third date in the file is in the body: "بحلول سبتمبر 2025" */
    size_t second_end = first_end + m.end;
    assert_int_equal(kb_date_find(text + second_end, n - second_end, &m), 1);
    kb_date_iso(&m.date, iso);
    assert_string_equal(iso, "2025-09");
    assert_int_equal(m.date.prec, KB_PREC_MONTH);
    free(text);

    /* sample 002: the English ordinal date on the second line */
    text = kb_test_read_file(kb_test_path("samples/002_dff5410a16d3e991.txt"), &n);
    assert_non_null(text);
    assert_int_equal(kb_date_find(text, n, &m), 1);
    kb_date_iso(&m.date, iso);
    assert_string_equal(iso, "2024-01-25");
    free(text);
}

/* |a - b| in days for two ISO days. */
static long day_gap(const kb_date *a, const char *iso_b)
{
    kb_date b;
    if (kb_date_parse_iso(iso_b, strlen(iso_b), &b) != KB_OK) return 999;
    long g = (long)(kb_date_days(a) - kb_date_days(&b));
    return g < 0 ? -g : g;
}

/* Known correspondences (Umm al-Qura, as Saudi papers print them). The
 * tabular calendar may be one day off: allowed and said so. */
static void hijri_conversion(void **state)
{
    (void)state;
    static const struct { const char *text, *greg; } H[] = {
        {"1 محرم 1446 هـ", "2024-07-07"},
        {"١ رمضان ١٤٤٥هـ", "2024-03-11"},
        {"1 شوال 1445هـ", "2024-04-10"},
        {"10 ذو الحجة 1445 هـ", "2024-06-16"},
        {"1 رمضان 1444 هـ", "2023-03-23"},
        {"1 شوال 1444هـ", "2023-04-21"},
        {"17 محرم 1446 هـ", "2024-07-23"},
        {"١٧ محرم ١٤٤٦هـ", "2024-07-23"},
        {"14 شوال 1436 هـ", "2015-07-30"},
        {"9 / 10 / 1436 هـ", "2015-07-25"},
        {"1 جمادى الأولى 1445 هـ", "2023-11-15"},
        {"1 ذي القعدة 1445هـ", "2024-05-09"},
        {"1 ربيع الأول 1446 هـ", "2024-09-04"},
    };
    for (size_t i = 0; i < sizeof H / sizeof *H; i++) {
        kb_date_match m;
        assert_int_equal(kb_date_find(H[i].text, strlen(H[i].text), &m), 1);
        assert_int_equal(m.date.hijri, 1);
        assert_int_equal(m.date.prec, KB_PREC_DAY);
        long g = day_gap(&m.date, H[i].greg);
        if (g > 1) {
            char iso[32];
            kb_date_iso(&m.date, iso);
            print_error("%s: %s, want %s +-1\n", H[i].text, iso, H[i].greg);
        }
        assert_true(g <= 1);
        assert_int_equal(m.end, strlen(H[i].text));
    }
    /* round trip over sixty years of days */
    int64_t from = kb_days_from_civil(1990, 1, 1), to = kb_days_from_civil(2050, 1, 1);
    for (int64_t d = from; d < to; d += 7) {
        int y, mo, dd;
        kb_hijri_from_days(d, &y, &mo, &dd);
        assert_true(mo >= 1 && mo <= 12 && dd >= 1 && dd <= 30);
        assert_int_equal(kb_hijri_to_days(y, mo, dd), d);
    }
    /* a Hijri month and year: the Gregorian month holding its middle
     * (Ramadan 1445 ran 11 March - 9 April 2024) */
    kb_date_match m;
    assert_int_equal(kb_date_find("رمضان 1445هـ", strlen("رمضان 1445هـ"), &m), 1);
    assert_int_equal(m.date.prec, KB_PREC_MONTH);
    assert_int_equal(m.date.year, 2024);
    assert_int_equal(m.date.month, 3);
}

static void iso_parse_and_write(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } OK[] = {
        {"2024", "2024"},
        {"2024-07", "2024-07"},
        {"2024-07-23", "2024-07-23"},
        {"20240723", "2024-07-23"},
        {"2024-07-23T10:05:00Z", "2024-07-23T10:05:00Z"},
        {"2024-07-23T10:05:00.000+0300", "2024-07-23T10:05:00+03:00"},
        {"2024-07-23T10:05:00+03:00", "2024-07-23T10:05:00+03:00"},
        {"2024-07-23 10:05:00", "2024-07-23T10:05:00"},
        {"2024-07-23T10:05", "2024-07-23T10:05"},
        {"2024-03-03T13:52:13.299Z", "2024-03-03T13:52:13Z"},
        {" 2026-01-08T11:42:50+00:00\n", "2026-01-08T11:42:50Z"},
        {"2024-07-23T10:05:00-04:30", "2024-07-23T10:05:00-04:30"},
        {"2024-02-29", "2024-02-29"},
    };
    for (size_t i = 0; i < sizeof OK / sizeof *OK; i++) {
        kb_date d;
        char iso[32];
        assert_int_equal(kb_date_parse_iso(OK[i].in, strlen(OK[i].in), &d), KB_OK);
        assert_int_equal(kb_date_iso(&d, iso), strlen(OK[i].out));
        assert_string_equal(iso, OK[i].out);
        assert_int_equal(d.weekday, -1);
        /* what kb_date_iso writes parses back to itself */
        kb_date e;
        char iso2[32];
        assert_int_equal(kb_date_parse_iso(iso, strlen(iso), &e), KB_OK);
        kb_date_iso(&e, iso2);
        assert_string_equal(iso, iso2);
    }
    static const char *const BAD[] = {
        "", "July 2024", "2024-13-01", "2024-02-30", "2023-02-29", "2024-07-23T25:00",
        "2024-07-23T10:60", "2024-07-23X", "2024-7-23", "24-07-23", "2024-07-23T10:05:00+3",
        "2024-07-23T10:05:00.Z", "0000",
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        kb_date d;
        if (kb_date_parse_iso(BAD[i], strlen(BAD[i]), &d) != KB_EFORMAT) {
            print_error("accepted \"%s\"\n", BAD[i]);
            fail();
        }
    }
    kb_date none = {0};
    char iso[32];
    assert_int_equal(kb_date_iso(&none, iso), 0);
    assert_string_equal(iso, "");
}

static void http_dates(void **state)
{
    (void)state;
    static const struct { const char *in, *out; } OK[] = {
        {"Tue, 23 Jul 2024 10:05:00 GMT", "2024-07-23T10:05:00Z"},
        {"Tue, 23 Jul 2024 10:05:00 +0300", "2024-07-23T10:05:00+03:00"},
        {"23 Jul 2024 10:05:00 -0500", "2024-07-23T10:05:00-05:00"},
        {"Tuesday, 23-Jul-24 10:05:00 GMT", "2024-07-23T10:05:00Z"},
        {"Wed, 01 Jan 2020 00:00:00 GMT\r\n", "2020-01-01T00:00:00Z"},
    };
    for (size_t i = 0; i < sizeof OK / sizeof *OK; i++) {
        kb_date d;
        char iso[32];
        assert_int_equal(kb_date_parse_http(OK[i].in, strlen(OK[i].in), &d), KB_OK);
        kb_date_iso(&d, iso);
        assert_string_equal(iso, OK[i].out);
    }
    static const char *const BAD[] = {
        "", "yesterday", "Tue, 23 Jul 2024 10:05:00 GMT and more", "Tue, 32 Jul 2024",
        "Jul 2024",
    };
    for (size_t i = 0; i < sizeof BAD / sizeof *BAD; i++) {
        kb_date d;
        assert_int_equal(kb_date_parse_http(BAD[i], strlen(BAD[i]), &d), KB_EFORMAT);
    }
}

static void day_numbers(void **state)
{
    (void)state;
    static const struct { const char *iso; int64_t days; } D[] = {
        {"1970-01-01", 0}, {"1969-12-31", -1}, {"2000-03-01", 11017},
        {"2024-02-29", 19782}, {"2024-07-23", 19927}, {"1900-01-01", -25567},
        {"2100-12-31", 47846},
    };
    for (size_t i = 0; i < sizeof D / sizeof *D; i++) {
        kb_date d;
        assert_int_equal(kb_date_parse_iso(D[i].iso, strlen(D[i].iso), &d), KB_OK);
        assert_true(kb_date_days(&d) == D[i].days);
        kb_date back = kb_date_from_days(D[i].days);
        char iso[32];
        kb_date_iso(&back, iso);
        assert_string_equal(iso, D[i].iso);
        assert_int_equal(back.prec, KB_PREC_DAY);
    }
    /* 2024-07-23 was a Tuesday */
    assert_int_equal(kb_weekday_of_days(19927), 2);
    assert_int_equal(kb_weekday_of_days(-1), 3);
    /* every day of 1900..2100 survives the round trip */
    for (int64_t x = -25567; x <= 47846; x++) {
        kb_date d = kb_date_from_days(x);
        assert_true(kb_date_days(&d) == x);
    }
}

/* Dirty input never crashes and never reads past len: every prefix of a
 * dense text, and bytes that are not UTF-8. */
static void survives_truncation_and_garbage(void **state)
{
    (void)state;
    const char *t = "الثلاثاء 17 محرم 1446 هـ الموافق 23 يوليو 2024 م - 10:30 م بتوقيت مكة";
    size_t n = strlen(t);
    for (size_t k = 0; k <= n; k++) {
        char *copy = malloc(k ? k : 1);
        assert_non_null(copy);
        memcpy(copy, t, k);
        kb_date_match m;
        if (kb_date_find(copy, k, &m)) assert_true(m.end <= k && m.start < m.end);
        free(copy);
    }
    const char junk[] = "\xff\xfe 23 \xd9 يوليو\xc0\xaf 2024 \xed\xa0\x80 12/\xd9\xa0";
    kb_date_match m;
    kb_date_find(junk, sizeof junk - 1, &m);
    assert_int_equal(kb_date_find("23 يوليو\n2024", strlen("23 يوليو\n2024"), &m), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(finds_real_dates),
        cmocka_unit_test(rejects_non_dates),
        cmocka_unit_test(glued_published_and_updated),
        cmocka_unit_test(hijri_conversion),
        cmocka_unit_test(iso_parse_and_write),
        cmocka_unit_test(http_dates),
        cmocka_unit_test(day_numbers),
        cmocka_unit_test(survives_truncation_and_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
