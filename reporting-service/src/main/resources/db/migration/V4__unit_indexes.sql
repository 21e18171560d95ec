-- A scorecard reads one unit's exams and platform points of a month: by unit and day instead of scanning the whole month
-- of every unit (a month of daily points is ~1,000,000 rows for 50,000 members).
create index exam_result_unit_day on exam_result (unit_code, on_day);
create index platform_points_unit_day on platform_points (unit_code, on_day);
