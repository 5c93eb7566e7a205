-- Demo tenant `clinic-b`: source database tenant_clinic_b, read-only login fs_clinic_b.
-- Legacy schema: abbreviated upper-case names, dates and numbers stored as strings ('YYYYMMDD', 'yyyyMMddHHmmss',
-- '00000000000000' or '' for "none"), flags as 'Y'/'N', local one-letter codes, ICD-10 codes without the dot.
-- Fake, deterministic data generated with MariaDB's SEQUENCE engine (seq_1_to_N tables); re-running this file
-- drops and recreates the database with identical content.
-- Needs a login with CREATE/DROP, CREATE USER and GRANT OPTION (root or fhirsync_admin). See README.md.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET time_zone = '+00:00';

DROP DATABASE IF EXISTS tenant_clinic_b;
CREATE DATABASE tenant_clinic_b CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE tenant_clinic_b;

CREATE TABLE ORG (
  ORG_CD    VARCHAR(8)   NOT NULL PRIMARY KEY,
  ORG_NM    VARCHAR(100) NOT NULL,
  ORG_TYP   CHAR(1)      NOT NULL COMMENT 'P = practice/provider, D = department',
  PARENT_CD VARCHAR(8)   NULL,
  TEL       VARCHAR(20)  NOT NULL DEFAULT '' COMMENT ''''' when none',
  ADDR1     VARCHAR(100) NOT NULL,
  TOWN      VARCHAR(50)  NOT NULL,
  PCODE     VARCHAR(10)  NOT NULL,
  ACTV_FLG  CHAR(1)      NOT NULL COMMENT 'Y / N',
  LAST_MOD  DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE STAFF (
  STAFF_ID VARCHAR(8)   NOT NULL PRIMARY KEY COMMENT '''S'' + 4 digits',
  STAFF_NM VARCHAR(100) NOT NULL COMMENT '''Last, First''',
  TITLE    VARCHAR(6)   NOT NULL COMMENT 'DR / PROF',
  GMC_NO   CHAR(7)      NOT NULL COMMENT 'UK General Medical Council number',
  SEX      CHAR(1)      NOT NULL COMMENT 'M / F (PAT uses male/female)',
  ACTV_FLG CHAR(1)      NOT NULL COMMENT 'Y / N',
  LAST_MOD DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE PAT (
  PAT_NO    VARCHAR(12)  NOT NULL PRIMARY KEY COMMENT '''B'' + 6 digits, e.g. B000001',
  full_name VARCHAR(200) NOT NULL COMMENT '''Last, First''',
  DOB       CHAR(8)      NULL     COMMENT 'YYYYMMDD',
  SEX       VARCHAR(8)   NOT NULL COMMENT 'male / female',
  REG_ORG   VARCHAR(8)   NULL     COMMENT 'registered practice (ORG_CD)',
  LAST_MOD  DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE LAB_RES (
  RES_ID   INT          NOT NULL PRIMARY KEY,
  PAT_NO   VARCHAR(12)  NOT NULL,
  VISIT_NO VARCHAR(10)  NULL,
  TEST_CD  VARCHAR(20)  NOT NULL COMMENT 'LOINC code',
  TEST_NM  VARCHAR(100) NOT NULL,
  RES_VAL  VARCHAR(20)  NOT NULL COMMENT 'numeric as string, 2 decimals',
  RES_UNIT VARCHAR(20)  NOT NULL,
  RES_DT   CHAR(14)     NOT NULL COMMENT 'yyyyMMddHHmmss',
  LAST_MOD DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE VISIT (
  VISIT_NO  VARCHAR(10) NOT NULL PRIMARY KEY COMMENT '''V'' + 7 digits',
  PAT_NO    VARCHAR(12) NOT NULL,
  STAFF_ID  VARCHAR(8)  NOT NULL,
  ORG_CD    VARCHAR(8)  NOT NULL,
  VISIT_TYP CHAR(1)     NOT NULL COMMENT 'I = inpatient, O = outpatient, E = emergency',
  VISIT_STS CHAR(1)     NOT NULL COMMENT 'C = complete, A = active, X = cancelled',
  ADM_DT    CHAR(14)    NOT NULL COMMENT 'yyyyMMddHHmmss',
  DIS_DT    CHAR(14)    NOT NULL DEFAULT '00000000000000' COMMENT 'yyyyMMddHHmmss, all zeros while active',
  LAST_MOD  DATETIME    NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE DIAG (
  DIAG_ID   INT          NOT NULL PRIMARY KEY,
  PAT_NO    VARCHAR(12)  NOT NULL,
  VISIT_NO  VARCHAR(10)  NULL,
  ICD_CD    VARCHAR(8)   NOT NULL COMMENT 'ICD-10 without the dot, e.g. E119',
  DIAG_DESC VARCHAR(100) NOT NULL,
  DIAG_TYP  CHAR(1)      NOT NULL COMMENT 'P = problem list, V = visit diagnosis',
  STS_CD    CHAR(1)      NOT NULL COMMENT 'A = active, I = inactive, R = resolved',
  CONF_FLG  CHAR(1)      NOT NULL COMMENT 'Y = confirmed, N = provisional',
  ONSET_DT  CHAR(8)      NOT NULL DEFAULT '' COMMENT 'YYYYMMDD or '''' when unknown',
  RSLV_DT   CHAR(8)      NOT NULL DEFAULT '' COMMENT 'YYYYMMDD or '''' when not resolved',
  ENT_DT    CHAR(14)     NOT NULL COMMENT 'yyyyMMddHHmmss, when entered',
  LAST_MOD  DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE VACC (
  VACC_ID   INT         NOT NULL PRIMARY KEY,
  PAT_NO    VARCHAR(12) NOT NULL,
  VISIT_NO  VARCHAR(10) NULL,
  STAFF_ID  VARCHAR(8)  NULL,
  VACC_CD   VARCHAR(8)  NOT NULL COMMENT 'local code: FLU, COVID, TDAP, PPV23, HEPB, MMR, VZV, SHING',
  GIVEN_FLG CHAR(1)     NOT NULL COMMENT 'Y = given, N = not given',
  SRC_FLG   CHAR(1)     NOT NULL COMMENT 'Y = given here, N = reported by the patient',
  ADMIN_DT  CHAR(14)    NOT NULL COMMENT 'yyyyMMddHHmmss',
  LOT_NO    VARCHAR(20) NOT NULL DEFAULT '',
  DOSE      VARCHAR(6)  NOT NULL DEFAULT '' COMMENT 'number as string',
  DOSE_UNIT VARCHAR(4)  NOT NULL DEFAULT '' COMMENT 'ML',
  ROUTE_CD  VARCHAR(4)  NOT NULL DEFAULT '' COMMENT 'IM / SC',
  SITE_CD   CHAR(1)     NOT NULL DEFAULT '' COMMENT 'L / R (arm)',
  LAST_MOD  DATETIME    NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE ALRG (
  ALRG_ID   INT         NOT NULL PRIMARY KEY,
  PAT_NO    VARCHAR(12) NOT NULL,
  STAFF_ID  VARCHAR(8)  NULL,
  ALRG_CD   VARCHAR(8)  NOT NULL COMMENT 'local code: PEN, AMOX, ASA, PNT, SHF, LTX, POL, LAC',
  ALRG_TYP  CHAR(1)     NOT NULL COMMENT 'A = allergy, I = intolerance',
  ALRG_CAT  CHAR(1)     NOT NULL COMMENT 'F = food, M = medication, E = environment',
  CRIT      CHAR(1)     NOT NULL COMMENT 'L = low, H = high, U = unable to assess',
  RXN_CD    VARCHAR(8)  NOT NULL COMMENT 'local code: RASH, HIVES, ANAPH, NAUS, SNZ, DIAR',
  SEV       CHAR(1)     NOT NULL COMMENT 'L = mild, M = moderate, S = severe',
  ACTV_FLG  CHAR(1)     NOT NULL COMMENT 'Y / N',
  VERIF_FLG CHAR(1)     NOT NULL COMMENT 'Y = confirmed, N = unconfirmed',
  ONSET_DT  CHAR(8)     NOT NULL DEFAULT '' COMMENT 'YYYYMMDD or '''' when unknown',
  ENT_DT    CHAR(14)    NOT NULL COMMENT 'yyyyMMddHHmmss',
  LAST_MOD  DATETIME    NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 4 organizations: the clinic (CB01), two of its departments (parent CB01) and a closed surgery (ACTV_FLG 'N',
-- no phone) where some patients are still registered. Upper case, as the legacy system keeps them.
INSERT INTO ORG (ORG_CD, ORG_NM, ORG_TYP, PARENT_CD, TEL, ADDR1, TOWN, PCODE, ACTV_FLG, LAST_MOD) VALUES
  ('CB01', 'CLINIC B HEALTH CENTRE',       'P', NULL,   '020 7946 0100', '12 HIGH STREET',  'LONDON', 'N1 9GU',  'Y', '2023-10-02 08:00:00'),
  ('CB02', 'CLINIC B MINOR INJURIES UNIT', 'D', 'CB01', '020 7946 0101', '12 HIGH STREET',  'LONDON', 'N1 9GU',  'Y', '2023-10-02 08:00:00'),
  ('CB03', 'CLINIC B DAY WARD',            'D', 'CB01', '020 7946 0102', '14 HIGH STREET',  'LONDON', 'N1 9GX',  'Y', '2023-10-02 08:00:00'),
  ('CB04', 'KINGS ROAD SURGERY',           'P', NULL,   '',              '301 KINGS ROAD',  'LONDON', 'SW3 5EP', 'N', '2023-10-05 17:45:00');

-- 30 doctors: first name index (n-1) mod 10 (even = male), surname index (n-1) mod 15, so all 30 names are
-- distinct. TITLE 'PROF' every 10th, inactive every 15th; pairs share LAST_MOD (ties).
INSERT INTO STAFF (STAFF_ID, STAFF_NM, TITLE, GMC_NO, SEX, ACTV_FLG, LAST_MOD)
SELECT CONCAT('S', LPAD(n, 4, '0')),
       CONCAT(ELT(1 + (n - 1) MOD 15, 'Evans', 'Hughes', 'Khan', 'Roberts', 'Wright', 'Walsh', 'Hall', 'Begum', 'Clarke',
                  'Edwards', 'Turner', 'Lloyd', 'Shah', 'Price', 'Okafor'),
              ', ',
              ELT(1 + (n - 1) MOD 10, 'Oliver', 'Amelia', 'George', 'Isla', 'Harry', 'Ava', 'Noah', 'Emily', 'Jack', 'Poppy')),
       IF(n MOD 10 = 0, 'PROF', 'DR'),
       CONCAT('7', LPAD((n * 48271) MOD 1000000, 6, '0')),
       IF((n - 1) MOD 2 = 0, 'M', 'F'),
       IF(n MOD 15 = 0, 'N', 'Y'),
       TIMESTAMP('2023-12-04 16:00:00') + INTERVAL ((n - 1) DIV 2) DAY
FROM (SELECT seq AS n FROM seq_1_to_30) i
ORDER BY n;

-- 250 patients. Given-name index g = (n-1) mod 20 (even g = male name), family index
-- f = (7g + (n-1) div 20) mod 20, so all 250 name combinations are distinct.
-- Patients come in pairs that share the same LAST_MOD (ties). Registered at CB04 (the closed surgery) when
-- n mod 10 = 0, nowhere when n mod 50 = 25, else CB01.
INSERT INTO PAT (PAT_NO, full_name, DOB, SEX, REG_ORG, LAST_MOD)
SELECT CONCAT('B', LPAD(n, 6, '0')),
       CONCAT(family, ', ', given),
       CASE WHEN n = 1 THEN '19750302'
            WHEN n MOD 50 = 0 THEN NULL
            ELSE DATE_FORMAT(DATE '1940-01-01' + INTERVAL ((n * 6151 + 4321) MOD 27757) DAY, '%Y%m%d') END,
       CASE WHEN g MOD 2 = 0 THEN 'male' ELSE 'female' END,
       CASE WHEN n MOD 50 = 25 THEN NULL WHEN n MOD 10 = 0 THEN 'CB04' ELSE 'CB01' END,
       TIMESTAMP('2024-02-01 09:00:00') + INTERVAL (((n - 1) DIV 2) * 476111) SECOND
FROM (
  SELECT n, g,
         ELT(1 + g, 'Kenji', 'Yuki', 'Hiroshi', 'Aiko', 'Takeshi', 'Sakura', 'Daichi', 'Emi', 'Haruto', 'Mei',
                    'Ren', 'Hana', 'Sota', 'Naomi', 'Kaito', 'Rina', 'Yuto', 'Akane', 'Riku', 'Mio') AS given,
         ELT(1 + f, 'Nakamura', 'Tanaka', 'Suzuki', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto', 'Kobayashi', 'Kato',
                    'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu',
                    'Mori', 'Ikeda') AS family
  FROM (SELECT seq AS n, (seq - 1) MOD 20 AS g, (7 * ((seq - 1) MOD 20) + (seq - 1) DIV 20) MOD 20 AS f
        FROM seq_1_to_250) i
) p
ORDER BY n;

-- 1250 visits, 5 per patient: visit v = (p-1)*5 + j + 1 (j = 0..4, VISIT_NO 'V' + 7 digits) is the one during which
-- result slot k = 2j (below) was taken; admitted at 08:00 on that result's day, 15-75 minutes before it.
-- VISIT_TYP by (7v) mod 10: 0-5 'O' (CB01, 2 h), 6-7 'E' (minor injuries unit CB02, 5 h), 8-9 'I' (day ward CB03,
-- 1-3 days). The last visit of odd patients from 245 on is still active (DIS_DT all zeros).
-- LAST_MOD = 02:30:00 on the day after discharge (or admission).
INSERT INTO VISIT (VISIT_NO, PAT_NO, STAFF_ID, ORG_CD, VISIT_TYP, VISIT_STS, ADM_DT, DIS_DT, LAST_MOD)
SELECT CONCAT('V', LPAD(v, 7, '0')), CONCAT('B', LPAD(p, 6, '0')), CONCAT('S', LPAD(1 + (p * 3 + j * 7) MOD 30, 4, '0')),
       ELT(1 + typ_ix, 'CB01', 'CB02', 'CB03'),
       ELT(1 + typ_ix, 'O', 'E', 'I'),
       IF(open_visit, 'A', 'C'),
       DATE_FORMAT(adm, '%Y%m%d%H%i%s'),
       IF(open_visit, '00000000000000', DATE_FORMAT(dis, '%Y%m%d%H%i%s')),
       TIMESTAMP(DATE(IF(open_visit, adm, dis)) + INTERVAL 1 DAY, '02:30:00')
FROM (
  SELECT v, p, j, typ_ix, open_visit, adm,
         CASE typ_ix WHEN 0 THEN adm + INTERVAL 2 HOUR WHEN 1 THEN adm + INTERVAL 5 HOUR
                     ELSE adm + INTERVAL (1 + v MOD 3) DAY END AS dis
  FROM (
    SELECT v, p, j,
           CASE WHEN (v * 7) MOD 10 < 6 THEN 0 WHEN (v * 7) MOD 10 < 8 THEN 1 ELSE 2 END AS typ_ix,
           (j = 4 AND p >= 245 AND p MOD 2 = 1) AS open_visit,
           TIMESTAMP('2024-01-02 08:00:00') + INTERVAL ((p - 1) * 2 + j * 30) DAY + INTERVAL (j * 4) HOUR AS adm
    FROM (SELECT seq AS v, (seq - 1) DIV 5 + 1 AS p, (seq - 1) MOD 5 AS j FROM seq_1_to_1250) i
  ) c
) x
ORDER BY v;

-- 2500 results, 10 per patient: result r belongs to patient (r-1) div 10 + 1; slot k = (r-1) mod 10 picks the
-- test: k mod 5 = 0 body temperature, 1 heart rate, 2 glucose, 3 body weight, 4 body height.
-- Even slots were taken during visit (p-1)*5 + k/2 + 1; odd slots have no visit (VISIT_NO NULL).
-- LAST_MOD = 02:00:00 on the day after RES_DT, so many results share a LAST_MOD (ties).
INSERT INTO LAB_RES (RES_ID, PAT_NO, VISIT_NO, TEST_CD, TEST_NM, RES_VAL, RES_UNIT, RES_DT, LAST_MOD)
SELECT r, CONCAT('B', LPAD(p, 6, '0')), CASE WHEN k MOD 2 = 0 THEN CONCAT('V', LPAD((p - 1) * 5 + k DIV 2 + 1, 7, '0')) END,
       ELT(1 + c, '8310-5', '8867-4', '2339-0', '29463-7', '8302-2'),
       ELT(1 + c, 'BODY TEMP', 'HEART RATE', 'GLUCOSE', 'WEIGHT', 'HEIGHT'),
       CAST(CAST(CASE c WHEN 0 THEN 36.0 + ((r * 7) MOD 26) / 10
                        WHEN 1 THEN 58 + (r * 41) MOD 45
                        WHEN 2 THEN 72 + ((r * 53) MOD 800) / 10
                        WHEN 3 THEN 48 + ((r * 23) MOD 500) / 10
                        ELSE 152 + (p * 13) MOD 40 + ((r * 7) MOD 10) / 10 END AS DECIMAL(10,2)) AS CHAR),
       ELT(1 + c, 'Cel', '/min', 'mg/dL', 'kg', 'cm'),
       DATE_FORMAT(res_at, '%Y%m%d%H%i%s'),
       TIMESTAMP(DATE(res_at) + INTERVAL 1 DAY, '02:00:00')
FROM (
  SELECT r, p, k, k MOD 5 AS c,
         TIMESTAMP('2024-01-02 08:15:00')
           + INTERVAL ((p - 1) * 2 + k * 15) DAY + INTERVAL (k * 2) HOUR
           + INTERVAL ((r * 11) MOD 60) MINUTE + INTERVAL ((r * 17) MOD 60) SECOND AS res_at
  FROM (SELECT seq AS r, (seq - 1) DIV 10 + 1 AS p, (seq - 1) MOD 10 AS k FROM seq_1_to_2500) i
) x
ORDER BY r;

-- 625 diagnoses: patient p has 1 + (p mod 4) of them (j = 0..3), ICD-10 index (7p + 3j) mod 10 (distinct per patient),
-- ICD_CD stored without the dot. Chronic codes are problem-list entries ('P', no visit, onset years ago or '' when
-- (p+j) mod 11 = 0, inactive when (p+j) mod 13 = 0), entered at the first visit. Acute codes are diagnoses of visit
-- (p-1)*5 + j + 1 ('V', onset that day, resolved 10-24 days later; still active while the visit is). Not confirmed
-- when (5p + j) mod 19 = 0. DIAG_ID is dense in (patient, j) order.
INSERT INTO DIAG (DIAG_ID, PAT_NO, VISIT_NO, ICD_CD, DIAG_DESC, DIAG_TYP, STS_CD, CONF_FLG, ONSET_DT, RSLV_DT, ENT_DT, LAST_MOD)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), CONCAT('B', LPAD(x.p, 6, '0')),
       IF(x.acute, v.VISIT_NO, NULL),
       ELT(1 + ci, 'I10', 'E119', 'J069', 'E785', 'J459', 'N390', 'F411', 'M545', 'K219', 'J189'),
       ELT(1 + ci, 'ESSENTIAL HYPERTENSION', 'TYPE 2 DIABETES', 'ACUTE URTI', 'HYPERLIPIDAEMIA', 'ASTHMA', 'UTI',
                   'GENERALISED ANXIETY DISORDER', 'LOW BACK PAIN', 'GORD', 'PNEUMONIA'),
       IF(x.acute, 'V', 'P'),
       CASE WHEN x.acute AND v.VISIT_STS = 'A' THEN 'A' WHEN x.acute THEN 'R' WHEN (x.p + x.j) MOD 13 = 0 THEN 'I' ELSE 'A' END,
       IF((5 * x.p + x.j) MOD 19 = 0, 'N', 'Y'),
       CASE WHEN x.acute THEN DATE_FORMAT(STR_TO_DATE(v.ADM_DT, '%Y%m%d%H%i%s'), '%Y%m%d')
            WHEN (x.p + x.j) MOD 11 = 0 THEN ''
            ELSE DATE_FORMAT(DATE '2003-01-01' + INTERVAL ((x.p * 419 + x.j * 877) MOD 7500) DAY, '%Y%m%d') END,
       CASE WHEN x.acute AND v.VISIT_STS = 'C'
            THEN DATE_FORMAT(STR_TO_DATE(v.ADM_DT, '%Y%m%d%H%i%s') + INTERVAL (10 + (x.p + x.j) MOD 15) DAY, '%Y%m%d')
            ELSE '' END,
       DATE_FORMAT(STR_TO_DATE(IF(x.acute, v.ADM_DT, f.ADM_DT), '%Y%m%d%H%i%s') + INTERVAL (45 + x.j) MINUTE, '%Y%m%d%H%i%s'),
       TIMESTAMP(DATE(STR_TO_DATE(IF(x.acute, v.ADM_DT, f.ADM_DT), '%Y%m%d%H%i%s')) + INTERVAL 1 DAY, '03:00:00')
FROM (
  SELECT p, j, (7 * p + 3 * j) MOD 10 AS ci, ((7 * p + 3 * j) MOD 10) IN (2, 5, 7, 9) AS acute
  FROM (SELECT (seq - 1) DIV 4 + 1 AS p, (seq - 1) MOD 4 AS j FROM seq_1_to_1000) i
  WHERE j <= p MOD 4
) x
JOIN VISIT v ON v.VISIT_NO = CONCAT('V', LPAD((x.p - 1) * 5 + x.j + 1, 7, '0'))
JOIN VISIT f ON f.VISIT_NO = CONCAT('V', LPAD((x.p - 1) * 5 + 1, 7, '0'))
ORDER BY x.p, x.j;

-- 500 vaccinations: patient p has 1 + (p mod 3) of them (j = 0..2). j = 0 and 1 were given at visit
-- (p-1)*5 + 2j + 2, 30 minutes after admission, by its doctor (SRC_FLG 'Y'); j = 2 is reported by the patient
-- (SRC_FLG 'N', no visit, doctor, lot, dose, route or site; ADMIN_DT at midnight). Local code index (p + 3j) mod 8.
-- Not given (GIVEN_FLG 'N', nothing recorded but the date) when j < 2 and (3p + j) mod 23 = 0.
INSERT INTO VACC (VACC_ID, PAT_NO, VISIT_NO, STAFF_ID, VACC_CD, GIVEN_FLG, SRC_FLG, ADMIN_DT, LOT_NO, DOSE, DOSE_UNIT,
                  ROUTE_CD, SITE_CD, LAST_MOD)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), CONCAT('B', LPAD(x.p, 6, '0')), v.VISIT_NO, v.STAFF_ID,
       ELT(1 + vi, 'FLU', 'COVID', 'TDAP', 'PPV23', 'HEPB', 'MMR', 'VZV', 'SHING'),
       IF(not_given, 'N', 'Y'),
       IF(x.j < 2, 'Y', 'N'),
       COALESCE(DATE_FORMAT(STR_TO_DATE(v.ADM_DT, '%Y%m%d%H%i%s') + INTERVAL 30 MINUTE, '%Y%m%d%H%i%s'),
                DATE_FORMAT(DATE '2016-01-01' + INTERVAL ((x.p * 157) MOD 2800) DAY, '%Y%m%d000000')),
       IF(given, CONCAT(ELT(1 + vi, 'FLU', 'COV', 'TDP', 'PPV', 'HBV', 'MMR', 'VZV', 'SHG'), '-',
                        LPAD((x.p * 6151 + x.j * 7919) MOD 10000, 4, '0')), ''),
       IF(given, IF(vi = 1, '0.3', '0.5'), ''),
       IF(given, 'ML', ''),
       IF(given, IF(vi IN (5, 6), 'SC', 'IM'), ''),
       IF(given, IF((x.p + x.j) MOD 2 = 0, 'L', 'R'), ''),
       TIMESTAMP(DATE(COALESCE(STR_TO_DATE(v.ADM_DT, '%Y%m%d%H%i%s'), TIMESTAMP('2024-01-02 00:00:00') + INTERVAL x.p DAY))
                 + INTERVAL 1 DAY, '04:00:00')
FROM (
  SELECT p, j, (p + 3 * j) MOD 8 AS vi,
         (j < 2 AND (3 * p + j) MOD 23 = 0) AS not_given,
         (j < 2 AND (3 * p + j) MOD 23 <> 0) AS given
  FROM (SELECT (seq - 1) DIV 3 + 1 AS p, (seq - 1) MOD 3 AS j FROM seq_1_to_750) i
  WHERE j <= p MOD 3
) x
LEFT JOIN VISIT v ON x.j < 2 AND v.VISIT_NO = CONCAT('V', LPAD((x.p - 1) * 5 + 2 * x.j + 2, 7, '0'))
ORDER BY x.p, x.j;

-- 220 allergies: j = 0 for patients with p mod 4 <> 0 (188), j = 1 as well when p mod 8 = 1 (32). Local substance
-- index ((p-1) - p div 4 + 3j) mod 8 fixes type, category, criticality, usual reaction and its severity. Onset '' when p mod 5 = 0
-- or DOB is unknown, else 2+ years after birth (at the latest 2023-12-31). Entered at the first visit by its doctor.
-- Inactive when (p+j) mod 11 = 0, unconfirmed when (p + 3j) mod 9 = 0.
INSERT INTO ALRG (ALRG_ID, PAT_NO, STAFF_ID, ALRG_CD, ALRG_TYP, ALRG_CAT, CRIT, RXN_CD, SEV, ACTV_FLG, VERIF_FLG, ONSET_DT,
                  ENT_DT, LAST_MOD)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), pt.PAT_NO, f.STAFF_ID,
       ELT(1 + ai, 'PEN', 'AMOX', 'ASA', 'PNT', 'SHF', 'LTX', 'POL', 'LAC'),
       ELT(1 + ai, 'A', 'A', 'I', 'A', 'A', 'A', 'A', 'I'),
       ELT(1 + ai, 'M', 'M', 'M', 'F', 'F', 'E', 'E', 'F'),
       ELT(1 + ai, 'H', 'L', 'U', 'H', 'H', 'U', 'L', 'L'),
       ELT(1 + ai, 'ANAPH', 'RASH', 'NAUS', 'ANAPH', 'HIVES', 'HIVES', 'SNZ', 'DIAR'),
       ELT(1 + ai, 'S', 'M', 'L', 'S', 'M', 'M', 'L', 'L'),
       IF((x.p + x.j) MOD 11 = 0, 'N', 'Y'),
       IF((x.p + 3 * x.j) MOD 9 = 0, 'N', 'Y'),
       CASE WHEN x.p MOD 5 = 0 OR pt.DOB IS NULL THEN ''
            ELSE DATE_FORMAT(LEAST(STR_TO_DATE(pt.DOB, '%Y%m%d') + INTERVAL (730 + (x.p * 389 + x.j * 61) MOD 6000) DAY,
                                   DATE '2023-12-31'), '%Y%m%d') END,
       DATE_FORMAT(STR_TO_DATE(f.ADM_DT, '%Y%m%d%H%i%s') + INTERVAL (20 + x.j) MINUTE, '%Y%m%d%H%i%s'),
       TIMESTAMP(DATE(STR_TO_DATE(f.ADM_DT, '%Y%m%d%H%i%s')) + INTERVAL 1 DAY, '03:30:00')
FROM (
  SELECT p, j, ((p - 1) - p DIV 4 + 3 * j) MOD 8 AS ai
  FROM (SELECT (seq - 1) DIV 2 + 1 AS p, (seq - 1) MOD 2 AS j FROM seq_1_to_500) i
  WHERE (j = 0 AND p MOD 4 <> 0) OR (j = 1 AND p MOD 8 = 1)
) x
JOIN PAT pt ON pt.PAT_NO = CONCAT('B', LPAD(x.p, 6, '0'))
JOIN VISIT f ON f.VISIT_NO = CONCAT('V', LPAD((x.p - 1) * 5 + 1, 7, '0'))
ORDER BY x.p, x.j;

-- Read-only login for this tenant only.
CREATE USER IF NOT EXISTS 'fs_clinic_b'@'127.0.0.1' IDENTIFIED BY 'demo_clinic_b_pw';
CREATE USER IF NOT EXISTS 'fs_clinic_b'@'localhost' IDENTIFIED BY 'demo_clinic_b_pw';
ALTER USER 'fs_clinic_b'@'127.0.0.1' IDENTIFIED BY 'demo_clinic_b_pw';
ALTER USER 'fs_clinic_b'@'localhost' IDENTIFIED BY 'demo_clinic_b_pw';
GRANT SELECT ON `tenant_clinic_b`.* TO 'fs_clinic_b'@'127.0.0.1';
GRANT SELECT ON `tenant_clinic_b`.* TO 'fs_clinic_b'@'localhost';
