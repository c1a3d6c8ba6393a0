"""Personal names for the demo's users, in each country's script and naming custom (given name first,
the surname in its masculine or feminine form where the language has both). Fictitious combinations of
common names; deterministic through the caller's seeded ``random.Random``."""

# country: (men's given names, women's given names, surnames as (masculine, feminine))
NAMES = {
    "RU": (
        ["Алексей", "Сергей", "Дмитрий", "Андрей", "Иван", "Михаил", "Николай", "Павел", "Олег", "Игорь"],
        ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Анна", "Мария", "Светлана"],
        [("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Попов", "Попова"), ("Васильев", "Васильева"),
         ("Петров", "Петрова"), ("Михайлов", "Михайлова"), ("Новиков", "Новикова"), ("Фёдоров", "Фёдорова"),
         ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Егоров", "Егорова"), ("Орлов", "Орлова")],
    ),
    "KZ": (
        ["Ерлан", "Нұрлан", "Асхат", "Бауыржан", "Дәурен", "Серік", "Марат", "Қайрат"],
        ["Айгүл", "Гүлнар", "Динара", "Жанар", "Сәуле", "Әсем"],
        [("Ахметов", "Ахметова"), ("Жақыпов", "Жақыпова"), ("Сейітов", "Сейітова"), ("Оспанов", "Оспанова"),
         ("Төлеуов", "Төлеуова"), ("Есенов", "Есенова"), ("Құдайбергенов", "Құдайбергенова")],
    ),
    "KG": (
        ["Азамат", "Бакыт", "Нурбек", "Улан", "Эрлан", "Тилек"],
        ["Айжан", "Гүлзат", "Жылдыз", "Нургүл"],
        [("Асанов", "Асанова"), ("Токтогулов", "Токтогулова"), ("Жумабеков", "Жумабекова"),
         ("Осмонов", "Осмонова"), ("Сыдыков", "Сыдыкова")],
    ),
    "TJ": (
        ["Фирӯз", "Суҳроб", "Далер", "Ҷамшед", "Бахтиёр", "Шерали"],
        ["Нигина", "Мадина", "Зарина", "Гулнора"],
        [("Раҳимов", "Раҳимова"), ("Назаров", "Назарова"), ("Каримов", "Каримова"), ("Саидов", "Саидова"),
         ("Шарипов", "Шарипова")],
    ),
    "BY": (
        ["Аляксандр", "Сяргей", "Андрэй", "Віктар", "Дзяніс"],
        ["Анастасія", "Юлія", "Кацярына", "Вольга"],
        [("Кавалёў", "Кавалёва"), ("Новік", "Новік"), ("Шаўчук", "Шаўчук"), ("Казлоўскі", "Казлоўская"),
         ("Мельнік", "Мельнік")],
    ),
    "MN": (
        ["Батболд", "Ганбаатар", "Төмөрбаатар", "Мөнхбат"],
        ["Оюунчимэг", "Сарангэрэл", "Энхтуяа", "Нарантуяа"],
        [("Дорж", "Дорж"), ("Лхагва", "Лхагва"), ("Баяр", "Баяр"), ("Цэнд", "Цэнд")],
    ),
    "UZ": (
        ["Jasur", "Sardor", "Otabek", "Bekzod", "Shoxrux", "Sherzod"],
        ["Dilnoza", "Gulnora", "Nodira", "Malika", "Shahlo"],
        [("Karimov", "Karimova"), ("Rahimov", "Rahimova"), ("Yusupov", "Yusupova"),
         ("Toshmatov", "Toshmatova"), ("G\u02bbofurov", "G\u02bbofurova"), ("Qodirov", "Qodirova")],
    ),
    "IN": (
        ["Rahul", "Amit", "Vikram", "Rohan", "Arjun"],
        ["Priya", "Sunita", "Anjali", "Kavita", "Meera"],
        [(s, s) for s in ("Sharma", "Patel", "Verma", "Rao", "Singh", "Iyer", "Mehta", "Nair")],
    ),
    "PK": (
        ["Imran", "Bilal", "Usman", "Hamza", "Faisal"],
        ["Ayesha", "Fatima", "Sana", "Zainab"],
        [(s, s) for s in ("Khan", "Ahmed", "Malik", "Qureshi", "Butt", "Chaudhry", "Siddiqui")],
    ),
    "IR": (
        ["علی", "رضا", "حسین", "محمد", "امیر"],
        ["مریم", "زهرا", "فاطمه", "سارا"],
        [(s, s) for s in ("احمدی", "رضایی", "محمدی", "حسینی", "کریمی", "موسوی")],
    ),
    "TR": (
        ["Mehmet", "Mustafa", "Emre", "Burak"],
        ["Ayşe", "Fatma", "Zeynep", "Elif"],
        [(s, s) for s in ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın")],
    ),
    "AZ": (
        ["Elvin", "Rəşad", "Orxan", "Tural"],
        ["Aysel", "Günay", "Leyla", "Nərmin"],
        [("Məmmədov", "Məmmədova"), ("Əliyev", "Əliyeva"), ("Həsənov", "Həsənova"), ("Quliyev", "Quliyeva")],
    ),
    "AE": (
        ["محمد", "أحمد", "خالد", "عبدالله"],
        ["فاطمة", "مريم", "سارة", "نورة"],
        [(s, s) for s in ("المنصوري", "الكعبي", "الشامسي", "النعيمي")],
    ),
    "SA": (
        ["محمد", "فهد", "خالد", "سلطان"],
        ["نورة", "سارة", "ريم", "هند"],
        [(s, s) for s in ("الحربي", "الشمري", "القحطاني", "الزهراني")],
    ),
}  # fmt: skip
CN_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林"
CN_GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞",
            "建华", "晓东", "海燕", "志强", "丽娟", "文博", "雨桐", "子涵"]  # fmt: skip


def person_name(country: str, rng) -> str:
    """A full name as a person of ``country`` writes it."""
    if country == "CN":
        return rng.choice(CN_SURNAMES) + rng.choice(CN_GIVEN)
    men, women, surnames = NAMES.get(country, NAMES["RU"])
    woman = rng.random() < 0.4
    surname = rng.choice(surnames)[1 if woman else 0]
    return f"{rng.choice(women if woman else men)} {surname}"
