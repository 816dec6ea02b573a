"""Reading right: headings that PDFs mangle, and the classic skill-name traps."""

from __future__ import annotations

import datetime as dt

from mlfit.model import HINT_BULLET, HINT_HEADING, Line
from mlfit.sections import split_sections


def skills_of(read_text, text):
    return {s.id: s for s in read_text(text).profile.skills}


def test_headings_survive_letter_spacing_small_caps_and_odd_names():
    lines = tuple(
        Line(i, t)
        for i, t in enumerate(
            ["Ada Example", "E D U CAT I O N", "BS Physics", "ENGiNEERiNG EXPERiENCE", "- Shipped a ranker", "Tech Stack", "Python, SQL"], 1
        )
    )
    sections, _, warnings = split_sections(lines)
    assert [s.name for s in sections] == ["header", "education", "experience", "skills"]
    assert not warnings


def test_inline_skills_line_opens_a_skills_section(read_text):
    found = skills_of(read_text, "EXPERIENCE\n- Deployed models with Docker\nSkills: PyTorch, Kubernetes, Airflow\n")
    assert found["pytorch"].listed and not found["pytorch"].demonstrated
    assert found["docker"].demonstrated and not found["docker"].listed


def test_wrapped_bullets_are_joined_so_phrases_survive_the_line_break(read_text):
    reading = read_text("EXPERIENCE\n- Built drift\ndetection for 300 features in production\n- Shipped a ranker\n")
    bullets = [b for b in reading.blocks if b.is_achievement]
    assert [b.text for b in bullets] == ["Built drift detection for 300 features in production", "Shipped a ranker"]
    assert bullets[0].line == 2


def test_short_ambiguous_names_need_a_list_context(read_text):
    prose = skills_of(read_text, "EXPERIENCE\n- Led the go-to-market analysis with R. Smith and built a C-level dashboard\n")
    assert not {"go", "r", "c"} & set(prose)
    listed = skills_of(read_text, "SKILLS\nLanguages: Python, Go, R, C, SQL\n")
    assert {"go", "r", "c", "python", "sql"} <= set(listed)


def test_ml_and_ai_are_found_despite_being_two_letters(read_text):
    found = skills_of(read_text, "SKILLS\nML, AI, NLP, PyTorch\n")
    assert {s.label for s in found.values()} >= {"PyTorch"}
    assert any(s.id in ("machine_learning", "ml") for s in found.values())


def test_snowflake_the_employer_is_not_the_database(read_text):
    found = skills_of(read_text, "EXPERIENCE\nML Engineer at Snowflake | Jan 2021 - Present\n- Worked at Snowflake on search ranking\n")
    assert "snowflake" not in found
    assert "snowflake" in skills_of(read_text, "EXPERIENCE\n- Built dbt models on Snowflake and BigQuery\n")


def test_misspellings_are_caught_only_for_long_names(read_text):
    found = skills_of(read_text, "SKILLS\nKubernates, Tensorflow, Pytorch\n")
    assert {"kubernetes", "tensorflow", "pytorch"} <= set(found)


def test_unknown_skill_list_items_are_kept_as_unrecognised(read_text):
    found = skills_of(read_text, "SKILLS\nPyTorch, Prophet-lite, our in-house FooBarFlow\n")
    unrecognised = {s.label for s in found.values() if not s.recognised}
    assert "our in-house FooBarFlow" in unrecognised or "FooBarFlow" in " ".join(unrecognised)
    assert found["pytorch"].recognised


def test_listed_versus_demonstrated(read_text):
    found = skills_of(
        read_text, "EXPERIENCE\n- Trained a fraud model in PyTorch and served it on Kubernetes\nSKILLS\nPyTorch, TensorFlow, Kubernetes\n"
    )
    assert found["pytorch"].listed and found["pytorch"].demonstrated
    assert found["tensorflow"].listed and not found["tensorflow"].demonstrated


def test_short_names_coordinated_with_a_known_skill_count_in_prose(read_text):
    found = skills_of(
        read_text, "EXPERIENCE\n- Rewrote the feature service in Go and Python, cutting p99 latency 40%\n- Validated the models in SAS and R\n"
    )
    assert found["go"].demonstrated and found["r"].demonstrated
    alone = skills_of(read_text, "EXPERIENCE\n- Worked with R. Chen on Go-to-market forecasting\n")
    assert "go" not in alone and "r" not in alone


def _sections(texts):
    """split_sections on lines as ingest gives them: "- " marks a bullet, "# " a line styled as a heading."""
    hints = {"- ": HINT_BULLET, "# ": HINT_HEADING}
    lines = tuple(Line(i, t[2:], hint=hints[t[:2]]) if t[:2] in hints else Line(i, t) for i, t in enumerate(texts, 1))
    sections, blocks, _ = split_sections(lines)
    return [(s.name, s.heading) for s in sections], blocks


def test_unlisted_headings_are_read_by_their_head_noun_in_any_case():
    sections, _ = _sections(
        [
            "Rowan Example",
            "rowan@example.com",
            "Machine Learning Experience",
            "Applied Scientist, Example Labs  Jan 2021 - Present",
            "- Shipped a ranking model to 2M users",
            "Fellowships and Prizes",
            "Graduate fellowship, 2019",
            "Relevant Courses and Skills",
            "Python, SQL, PyTorch",
            "EDUCATION & CREDENTIALS",
            "MS Computer Science, Example University, 2020",
            "Data science skill set",
            "Pandas, scikit-learn, Airflow",
            "Projects and Potpourri",
            "- A chess engine in Rust",
        ]
    )
    assert sections[1:] == [
        ("experience", "Machine Learning Experience"),
        ("awards", "Fellowships and Prizes"),
        ("skills", "Relevant Courses and Skills"),  # courses name no section: the next part does
        ("education", "EDUCATION & CREDENTIALS"),  # the first part with a head noun decides
        ("skills", "Data science skill set"),
        ("projects", "Projects and Potpourri"),
    ]


def test_partly_letter_spaced_headings_are_found():
    sections, _ = _sections(["Rowan Example", "SU M MAR Y", "Engineer who ships.", "PRO FES S ION A L E X PER I ENC E", "- Shipped it"])
    assert [name for name, _ in sections] == ["header", "summary", "experience"]


def test_an_employer_named_like_a_heading_under_a_role_line_is_not_a_heading():
    sections, blocks = _sections(
        [
            "Rowan Example",
            "EXPERIENCE",
            "Data Scientist  Mar 2019 - Present",
            "Bright Horizons Education",
            "- Built a churn model that cut churn 12%",
            "SKILLS",
            "Python, SQL",
        ]
    )
    assert [name for name, _ in sections] == ["header", "experience", "skills"]
    assert any(b.is_achievement and "churn model" in b.text for b in blocks)


def test_a_wrapped_bullet_ending_in_a_head_noun_is_not_a_heading():
    wrapped = "- Mentored four interns and shipped their work across two"
    sections, blocks = _sections(["Rowan Example", "EXPERIENCE", wrapped, "Recommendation projects", "SKILLS", "Python"])
    assert [name for name, _ in sections] == ["header", "experience", "skills"]
    assert blocks[2].text == wrapped[2:] + " Recommendation projects"
    # a short bullet did not wrap: the short line under it is a heading
    sections, _ = _sections(["Rowan Example", "EXPERIENCE", "- Shipped a ranker", "Recommendation projects", "- Built a recommender"])
    assert sections[-1] == ("projects", "Recommendation projects")


def test_a_table_header_row_does_not_replace_the_heading_above_it():
    sections, _ = _sections(["Rowan Example", "Projects", "Project | Stack | Impact", "Churn model | Python | -12% churn"])
    assert sections[1] == ("projects", "Projects")


def test_a_shouted_skills_heading_inside_a_skills_block_opens_a_section_but_a_label_does_not():
    sections, _ = _sections(["Rowan Example", "Skills", "Languages", "Python, SQL", "SPECIAL SKILLS:", "Public speaking"])
    assert [heading for _, heading in sections] == ["", "Skills", "SPECIAL SKILLS:"]


def test_a_heading_right_under_a_schools_date_line_is_a_heading():
    sections, _ = _sections(["Rowan Example", "EDUCATION", "BSc Physics, Example University  2015 - 2019", "Programming Skills", "Python, Go"])
    assert sections[-1] == ("skills", "Programming Skills")


def test_a_heading_that_shares_its_line_with_the_text_opens_its_section():
    sections, blocks = _sections(["Rowan Example", "Overview • Engineer who takes models from notebook to production", "EXPERIENCE", "- Shipped it"])
    assert sections[1] == ("summary", "Overview")
    assert blocks[1].section == "summary"


def test_entry_lines_styled_as_headings_stay_in_their_section():
    # a DOCX template that sets dates, job titles and employers in a heading style
    sections, blocks = _sections(
        [
            "Rowan Example",
            "WORK EXPERIENCE",
            "# 06/2019 to 12/2021",
            "# Data Scientist at Example Retail",
            "- Built a demand forecast that cut stockouts 18%",
            "# Volunteer Mentor",
            "Taught Python on weekends",
            "# Hobbies",
            "Chess",
        ]
    )
    assert [name for name, _ in sections] == ["header", "experience", "other", "other"]
    assert any(b.is_achievement and "demand forecast" in b.text for b in blocks)


def test_a_tool_line_under_a_role_demonstrates_its_tools_and_opens_no_skills_section(read_text):
    cv = """\
Sam Example
EXPERIENCE
Software Engineer, Examplecorp | Jun 2022 – Jan 2023
- Built the admin dashboard for a data collection app
Stack: Flask, Firebase, Vue,
Docker, Kubernetes
Data Analyst, Exampleco | Jan 2020 – May 2022
- Cut report turnaround from 5 days to 1 day.
SKILLS
Python, SQL
"""
    reading = read_text(cv, as_of=dt.date(2026, 6, 1))
    assert [s.name for s in reading.sections] == ["header", "experience", "skills"]
    skills = {s.label: s for s in reading.profile.skills}
    for tool in ("Flask", "Vue.js", "Kubernetes"):
        assert skills[tool].demonstrated and not skills[tool].listed, tool  # used in the role, from the wrapped line too
    assert skills["Python"].listed and not skills["Python"].demonstrated
    assert len(reading.profile.roles) == 2  # the second role is still read after the tool line


def test_a_list_item_ending_in_a_heading_noun_is_not_a_heading(read_text):
    cv = "Sam Example\nEDUCATION\nBS Computer Science, State University | 2014 – 2018\n- Graduated with honors\n- Dean's list every term\nEXPERIENCE\nML Engineer, Examplecorp | 2018 – 2024\n- Shipped a ranker\n"
    assert [s.name for s in read_text(cv).sections] == ["header", "education", "experience"]


def test_a_heading_with_nothing_under_it_is_reported_as_an_empty_section(read_text):
    reading = read_text(
        "EXPERIENCE\nML Engineer, Contoso | 2021 – Present\n- Cut p99 latency by 40%\n"
        "PUBLICATIONS\nCERTIFICATIONS\nAWS Certified Machine Learning – Specialty\n"
    )
    by_heading = {s.heading: s for s in reading.sections}
    assert by_heading["PUBLICATIONS"].name == "publications" and by_heading["PUBLICATIONS"].empty
    assert (by_heading["PUBLICATIONS"].start, by_heading["PUBLICATIONS"].end) == (5, 4)
    assert not by_heading["EXPERIENCE"].empty and not by_heading["CERTIFICATIONS"].empty
    # an experience heading with no entries under it is no experience section
    empty_experience = read_text("SUMMARY\nML engineer.\nEXPERIENCE\nSKILLS\nPython, PyTorch\n- Built a ranking model\n")
    assert "no-experience" in {w.code for w in empty_experience.warnings}


def test_a_second_skills_heading_in_title_case_is_its_own_skills_section(read_text):
    reading = read_text(
        "SKILLS\nPython, PyTorch, SQL\nSoft Skills\nMentoring, technical writing\nLanguages\nEnglish, Spanish\n"
        "Tools:\nDocker, Airflow\nEXPERIENCE\nML Engineer, Contoso | 2021 – Present\n- Built a ranking model\n"
    )
    assert [(s.heading, s.name) for s in reading.sections] == [("SKILLS", "skills"), ("Soft Skills", "skills"), ("EXPERIENCE", "experience")]


def test_work_mode_and_location_come_from_the_persons_own_lines_or_explicit_statements(read_text):
    prose = read_text(
        "Jordan Example\njordan@example.com\nEXPERIENCE\nML Engineer, Contoso | 2021 – Present\n"
        "- Tuned Remote Direct Memory Access transfers for 400 GPU training jobs\n- Built remote sensing models with remote teams\n"
        "EDUCATION\nBSc Computer Science, University of Texas, Austin, TX | 2016 – 2020\n"
    ).profile
    assert prose.work_mode == () and prose.location is None  # prose and an education line say nothing about the person

    header = read_text("Jordan Example\nAustin, TX | Remote | jordan@example.com\nEXPERIENCE\n- Built a ranking model\n").profile
    assert header.location == "Austin, TX" and header.work_mode == ("remote",)

    role_line = read_text(
        "Jordan Example\nEXPERIENCE\nML Engineer, Contoso — Remote | 2021 – Present\n- Built a ranking model\n"
        "Data Scientist, Fabrikam — Austin, TX · On-site | 2018 – 2021\n- Built churn models\n"
    ).profile
    assert role_line.work_mode == ("remote",)  # the current job's, not a past one's

    statement = read_text(
        "Jordan Example\nSUMMARY\nML engineer open to hybrid or onsite roles in the Bay Area.\nEXPERIENCE\n- Built a ranking model\n"
    ).profile
    assert statement.work_mode == ("hybrid", "onsite")

    sidebar = read_text("SKILLS\nPython, PyTorch\nCONTACT\nDenver, CO\njordan@example.com\nEXPERIENCE\n- Built a ranking model\n").profile
    assert sidebar.location == "Denver, CO"


def test_skills_in_a_projects_prose_description_are_demonstrated(read_text):
    found = skills_of(
        read_text,
        "PROJECTS\nQuizApp  Full-stack development\n"
        "Interactive quiz portal with a Flask backend and a React frontend for live classes.\n"
        "SKILLS\nPython, Docker\n",
    )
    assert found["flask"].demonstrated and found["react"].demonstrated
    assert not found["docker"].demonstrated  # only listed


def test_a_contact_line_holds_no_skills_but_a_headline_does(read_text):
    found = skills_of(
        read_text,
        "Jordan Example\nML Engineer · PyTorch · LLM serving\nLinkedIn | GitHub | Kaggle | jordan@example.com\n"
        "EXPERIENCE\n- Shipped CI with GitHub Actions and Docker\n",
    )
    assert "pytorch" in found  # the headline names a skill
    assert all(1 not in s.lines and 3 not in s.lines for s in found.values())  # the contact line names none
    assert found["docker"].demonstrated


def test_unknown_list_items_lose_their_coordination_and_qualifiers(read_text):
    found = skills_of(read_text, "SKILLS\nFrameworks: Fooflow (mobile, web), Barkit (primary), and Quuxdb\n")
    unrecognised = sorted(s.label for s in found.values() if not s.recognised)
    assert unrecognised == ["Barkit", "Fooflow", "Quuxdb"]


def test_contact_details_under_a_skills_heading_are_not_skills(read_text):
    # a designed template's sidebar: the contact block is printed below the skills heading
    found = skills_of(
        read_text,
        "SKILLS\nPython, Fooflow, Barkit\njordan@example.com | linkedin.com/in/jordan-example | +1 (555) 010-2030\n",
    )
    unrecognised = sorted(s.label for s in found.values() if not s.recognised)
    assert unrecognised == ["Barkit", "Fooflow"]
    assert "python" in found


def test_distinct_methods_are_reported_as_written_not_as_their_family(read_text):
    found = skills_of(
        read_text,
        "SKILLS\nLSTM, PCA, K-means, Unsupervised learning, Collaborative filtering\n"
        "EXPERIENCE\n- Built fraud detection models with logistic regression and random forests\n"
        "- Deployed models with blue-green deployments and automated rollback on Kubernetes\n",
    )
    for skill_id in ("lstm", "pca", "k_means", "unsupervised_learning", "collaborative_filtering"):
        assert found[skill_id].listed, skill_id
    # a specific method is not reported as a broader family the CV never names
    assert not {"rnn", "dimensionality_reduction", "clustering", "supervised_learning", "recommender_systems"} & set(found)
    for skill_id in ("fraud_detection", "logistic_regression", "random_forest", "zero_downtime_deployment", "rollback"):
        assert found[skill_id].demonstrated, skill_id
    assert "anomaly_detection" not in found


def test_long_tail_names_that_are_also_words_need_their_ml_sense(read_text):
    found = skills_of(
        read_text,
        "EXPERIENCE\n- Fixed regression tests and the data classification levels for the security team\n"
        "- Grew revenue, stemming churn, and drove unity across teams\n",
    )
    assert not {"regression", "classification", "unity_engine", "lemmatization"} & set(found)
    found = skills_of(read_text, "EXPERIENCE\n- Trained regression models and a text classifier; cut p99 latency 40%\n")
    assert {"regression", "text_classification"} <= set(found)


def test_a_cloud_service_in_a_bullet_shows_its_platform(read_text):
    found = skills_of(read_text, "EXPERIENCE\n- Stored 40 TB of training data in Amazon S3 and served it with BigQuery\n")
    assert found["s3"].demonstrated and found["aws"].demonstrated and found["gcp"].demonstrated
    assert found["aws"].lines == found["s3"].lines
    listed = skills_of(read_text, "SKILLS\nCloud: Amazon EKS, Python, SQL\n")
    assert listed["aws"].listed and not listed["aws"].demonstrated


def test_members_of_a_family_are_their_own_skills(read_text):
    found = skills_of(
        read_text,
        "EXPERIENCE\n- Reported churn with ggplot2 and dplyr; rolled models out behind feature flags\n- Trained GloVe and word2vec embeddings for semantic segmentation labels\n",
    )
    assert {"ggplot2", "dplyr", "feature_flags", "glove_embeddings", "word2vec", "semantic_segmentation"} <= set(found)
    assert not {"tidyverse", "launchdarkly", "word_embeddings", "image_segmentation"} & set(found)  # no family or vendor the CV does not name


def test_soft_skills_in_a_skills_list_are_not_technical_skills(read_text):
    found = skills_of(
        read_text,
        "SKILLS\nTools: Python, Pipewrench, Dagster, SQL\nStrengths: Teamwork, Strong team player, Problem-solving, Self-starter\n"
        "Soft skills: Mentoring juniors, Storytelling\n",
    )
    assert "unrecognised:pipewrench" in found and "dagster" in found  # an unknown tool is still kept
    assert not [s for s in found if s.startswith("unrecognised:") and s != "unrecognised:pipewrench"], sorted(found)


def test_a_list_item_cut_at_its_and_keeps_no_conjunction(read_text):
    found = skills_of(read_text, "SKILLS\nCore: Python, Graph Theory and\nCombinatorics, Zig, and\n")
    labels = {s.label for s in found.values()}
    assert "Graph Theory" in labels and not [label for label in labels if label.lower().endswith(" and") or label.lower() == "and"]


def test_a_case_sensitive_name_in_capitals_is_still_that_skill(read_text):
    found = skills_of(read_text, "SKILLS\nMOBILE: IOS, SWIFTUI, D3.JS\nLanguages: Python, SQL\n")
    assert {"ios", "d3js"} <= set(found)
    prose = skills_of(read_text, "EXPERIENCE\n- Shipped the ranking API and GO live in three weeks\n")
    assert "golang" not in prose and "go" not in prose  # two letters stay as the entry writes them


def test_common_phrasings_name_the_practice(read_text):
    found = skills_of(read_text, "EXPERIENCE\n- Deployed ML models behind a gateway after preprocessing the logs and scraping the catalog\n")
    assert {"model_deployment", "data_preprocessing", "web_scraping"} <= set(found)
