package workday

import "time"

// lunarDates holds the Gregorian dates, as month×100 + day, on which three
// festivals of the Chinese lunisolar calendar fall in one Gregorian year,
// and the April day of the Qingming solar term:
//
//   - eve: 除夕, the last day of the twelfth lunar month, the day before
//     正月初一 (Chinese New Year) of that Gregorian year;
//   - duanwu: 端午, the fifth day of the fifth lunar month;
//   - zhongqiu: 中秋, the fifteenth day of the eighth lunar month;
//   - qingming: the day (UTC+8) on which the Sun's apparent longitude
//     reaches 15°.
type lunarDates struct {
	eve, duanwu, zhongqiu uint16
	qingming              uint8
}

// lunarTable runs from FirstRuleYear to LastRuleYear.
//
// Sources. The lunar dates are those of the Chinese-calendar tables in
// the Python holidays library (github.com/vacanza/holidays,
// holidays/calendars/chinese.py: LUNAR_NEW_YEAR_DATES, DRAGON_BOAT_DATES,
// MID_AUTUMN_DATES), which agree for every year 2023–2100 with the
// astronomical computation of 6tail/lunar-go (a Go port of 许剑伟's
// 寿星天文历 ephemeris, month starts and solar terms in UTC+8); the
// Qingming days are from the latter. The tests check each row against an
// independent computation of new moons and solar longitudes (Jean Meeus,
// Astronomical Algorithms, 2nd ed., chapters 25 and 49) and against the
// published notices of 2025 and 2026.
var lunarTable = [LastRuleYear - FirstRuleYear + 1]lunarDates{
	{128, 531, 1006, 4}, // 2025
	{216, 619, 925, 5},  // 2026
	{205, 609, 915, 5},  // 2027
	{125, 528, 1003, 4}, // 2028
	{212, 616, 922, 4},  // 2029
	{202, 605, 912, 5},  // 2030
	{122, 624, 1001, 5}, // 2031
	{210, 612, 919, 4},  // 2032
	{130, 601, 908, 4},  // 2033
	{218, 620, 927, 5},  // 2034
	{207, 610, 916, 5},  // 2035
	{127, 530, 1004, 4}, // 2036
	{214, 618, 924, 4},  // 2037
	{203, 607, 913, 5},  // 2038
	{123, 527, 1002, 5}, // 2039
	{211, 614, 920, 4},  // 2040
	{131, 603, 910, 4},  // 2041
	{121, 622, 928, 4},  // 2042
	{209, 611, 917, 5},  // 2043
	{129, 531, 1005, 4}, // 2044
	{216, 619, 925, 4},  // 2045
	{205, 608, 915, 4},  // 2046
	{125, 529, 1004, 5}, // 2047
	{213, 615, 922, 4},  // 2048
	{201, 604, 911, 4},  // 2049
	{122, 623, 930, 4},  // 2050
	{210, 613, 919, 5},  // 2051
	{131, 601, 907, 4},  // 2052
	{218, 620, 926, 4},  // 2053
	{207, 610, 916, 4},  // 2054
	{127, 530, 1005, 5}, // 2055
	{214, 617, 924, 4},  // 2056
	{203, 606, 913, 4},  // 2057
	{123, 625, 1002, 4}, // 2058
	{211, 614, 921, 5},  // 2059
	{201, 603, 909, 4},  // 2060
	{120, 622, 928, 4},  // 2061
	{208, 611, 917, 4},  // 2062
	{128, 601, 1006, 5}, // 2063
	{216, 619, 925, 4},  // 2064
	{204, 608, 915, 4},  // 2065
	{125, 528, 1003, 4}, // 2066
	{213, 616, 923, 5},  // 2067
	{202, 604, 911, 4},  // 2068
	{122, 623, 929, 4},  // 2069
	{210, 613, 919, 4},  // 2070
	{130, 602, 908, 5},  // 2071
	{218, 620, 926, 4},  // 2072
	{206, 610, 916, 4},  // 2073
	{126, 530, 1005, 4}, // 2074
	{214, 617, 924, 4},  // 2075
	{204, 606, 912, 4},  // 2076
	{123, 624, 1001, 4}, // 2077
	{211, 614, 920, 4},  // 2078
	{201, 604, 910, 4},  // 2079
	{121, 622, 928, 4},  // 2080
	{208, 611, 917, 4},  // 2081
	{128, 601, 1006, 4}, // 2082
	{216, 619, 926, 4},  // 2083
	{205, 607, 914, 4},  // 2084
	{125, 527, 1003, 4}, // 2085
	{213, 615, 922, 4},  // 2086
	{202, 605, 911, 4},  // 2087
	{123, 623, 929, 4},  // 2088
	{209, 613, 918, 4},  // 2089
	{129, 602, 908, 4},  // 2090
	{217, 621, 927, 4},  // 2091
	{206, 609, 916, 4},  // 2092
	{126, 529, 1005, 4}, // 2093
	{214, 617, 924, 4},  // 2094
	{204, 606, 913, 4},  // 2095
	{124, 624, 930, 4},  // 2096
	{211, 614, 920, 4},  // 2097
	{131, 604, 909, 4},  // 2098
	{120, 623, 929, 4},  // 2099
	{208, 612, 918, 5},  // 2100
}

// festivalDates returns the dates of 除夕, 端午, 中秋 and 清明 in year,
// which must lie in FirstRuleYear..LastRuleYear.
func festivalDates(year int) (eve, duanwu, zhongqiu, qingming Date) {
	r := lunarTable[year-FirstRuleYear]
	md := func(v uint16) Date { return Date{year, time.Month(v / 100), int(v % 100)} }
	return md(r.eve), md(r.duanwu), md(r.zhongqiu), Date{year, time.April, int(r.qingming)}
}
