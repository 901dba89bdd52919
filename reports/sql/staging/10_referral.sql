-- Staging model: a referral. One row per referral in the lake's referral view; decided_by says
-- whether the allocation panel had decided it (accepted or declined) by a day.
-- requires: [referral]
CREATE OR REPLACE TEMP VIEW stg_referral AS
SELECT site_id, referral_key, young_person_key, referral_date, age_at_referral, referral_source, edge_of_care,
       decision, decision_date, case_start_date
FROM referral;

-- Decided by the panel (accepted or declined) on or before day d; withdrawn or pending is not.
CREATE OR REPLACE TEMP MACRO decided_by(decision, decision_date, d) AS
    decision IN ('ACCEPTED', 'DECLINED') AND decision_date IS NOT NULL AND decision_date <= d;
