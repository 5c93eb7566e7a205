-- Demo tenant `hospital-a`: source database tenant_hospital_a, read-only login fs_hospital_a.
-- English snake_case schema with clean DATE/DATETIME columns, FHIR codes stored as-is, ICD-10 / SNOMED CT / CVX codes. Fake, deterministic data generated with MariaDB's SEQUENCE engine
-- (seq_1_to_N tables); re-running this file drops and recreates the database with identical content.
-- Needs a login with CREATE/DROP, CREATE USER and GRANT OPTION (root or fhirsync_admin). See README.md.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET time_zone = '+00:00';

DROP DATABASE IF EXISTS tenant_hospital_a;
CREATE DATABASE tenant_hospital_a CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE tenant_hospital_a;

CREATE TABLE organizations (
  organization_id        INT          NOT NULL PRIMARY KEY,
  name                   VARCHAR(120) NOT NULL,
  org_type               VARCHAR(10)  NOT NULL COMMENT 'HL7 organization-type code: prov, dept',
  parent_organization_id INT          NULL,
  phone                  VARCHAR(30)  NULL,
  address_line           VARCHAR(120) NOT NULL,
  city                   VARCHAR(60)  NOT NULL,
  state                  CHAR(2)      NOT NULL,
  postal_code            VARCHAR(10)  NOT NULL,
  active                 BOOLEAN      NOT NULL,
  updated_at             DATETIME(6)  NOT NULL,
  KEY ix_organizations_updated (updated_at, organization_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE practitioners (
  practitioner_id INT          NOT NULL PRIMARY KEY,
  npi             CHAR(10)     NOT NULL COMMENT 'US National Provider Identifier',
  first_name      VARCHAR(60)  NOT NULL,
  last_name       VARCHAR(60)  NOT NULL,
  name_prefix     VARCHAR(10)  NULL,
  credential      VARCHAR(10)  NOT NULL COMMENT 'HL7 v2 table 0360 degree: MD, DO, NP',
  gender          VARCHAR(10)  NOT NULL,
  phone           VARCHAR(30)  NULL,
  email           VARCHAR(120) NULL,
  active          BOOLEAN      NOT NULL,
  updated_at      DATETIME(6)  NOT NULL,
  UNIQUE KEY ux_practitioners_npi (npi),
  KEY ix_practitioners_updated (updated_at, practitioner_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE patients (
  patient_id      INT          NOT NULL PRIMARY KEY,
  patient_name    VARCHAR(100) NOT NULL COMMENT 'given name',
  patient_surname VARCHAR(100) NOT NULL COMMENT 'family name',
  birth_date      DATE         NULL,
  gender          VARCHAR(10)  NOT NULL COMMENT 'male, female, other, unknown',
  phone           VARCHAR(30)  NULL,
  email           VARCHAR(120) NULL,
  organization_id INT          NULL     COMMENT 'managing organization',
  updated_at      DATETIME(6)  NOT NULL,
  KEY ix_patients_updated (updated_at, patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE observations (
  observation_id BIGINT        NOT NULL PRIMARY KEY,
  patient_id     INT           NOT NULL,
  encounter_id   INT           NULL,
  loinc_code     VARCHAR(20)   NOT NULL,
  display_name   VARCHAR(100)  NOT NULL,
  value_numeric  DECIMAL(10,2) NOT NULL,
  unit           VARCHAR(20)   NOT NULL,
  observed_at    DATETIME      NOT NULL,
  updated_at     DATETIME(6)   NOT NULL,
  KEY ix_observations_updated (updated_at, observation_id),
  KEY ix_observations_patient (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE encounters (
  encounter_id    INT          NOT NULL PRIMARY KEY,
  patient_id      INT          NOT NULL,
  practitioner_id INT          NOT NULL COMMENT 'attending practitioner',
  organization_id INT          NOT NULL COMMENT 'service provider',
  status          VARCHAR(20)  NOT NULL COMMENT 'FHIR encounter-status: finished, in-progress',
  class_code      VARCHAR(10)  NOT NULL COMMENT 'HL7 v3 ActCode: AMB, EMER, IMP',
  type_snomed     VARCHAR(20)  NOT NULL,
  type_display    VARCHAR(100) NOT NULL,
  start_at        DATETIME     NOT NULL,
  end_at          DATETIME     NULL,
  updated_at      DATETIME(6)  NOT NULL,
  KEY ix_encounters_updated (updated_at, encounter_id),
  KEY ix_encounters_patient (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE conditions (
  condition_id        INT          NOT NULL PRIMARY KEY,
  patient_id          INT          NOT NULL,
  encounter_id        INT          NULL,
  icd10_code          VARCHAR(10)  NOT NULL,
  description         VARCHAR(200) NOT NULL,
  category            VARCHAR(30)  NOT NULL COMMENT 'problem-list-item, encounter-diagnosis',
  clinical_status     VARCHAR(20)  NOT NULL COMMENT 'active, inactive, resolved',
  verification_status VARCHAR(20)  NOT NULL COMMENT 'confirmed, provisional',
  onset_date          DATE         NULL,
  abatement_date      DATE         NULL,
  recorded_at         DATETIME     NOT NULL,
  updated_at          DATETIME(6)  NOT NULL,
  KEY ix_conditions_updated (updated_at, condition_id),
  KEY ix_conditions_patient (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE immunizations (
  immunization_id INT           NOT NULL PRIMARY KEY,
  patient_id      INT           NOT NULL,
  encounter_id    INT           NULL,
  practitioner_id INT           NULL     COMMENT 'who gave it; NULL for a history reported by the patient',
  cvx_code        VARCHAR(3)    NOT NULL,
  vaccine_name    VARCHAR(100)  NOT NULL,
  status          VARCHAR(20)   NOT NULL COMMENT 'completed, not-done',
  not_done_reason VARCHAR(10)   NULL     COMMENT 'HL7 v3 ActReason: PATOBJ, MEDPREC',
  administered_at DATETIME      NOT NULL,
  lot_number      VARCHAR(20)   NULL,
  dose_amount     DECIMAL(4,2)  NULL,
  dose_unit       VARCHAR(10)   NULL     COMMENT 'UCUM',
  route_code      VARCHAR(10)   NULL     COMMENT 'HL7 v3 RouteOfAdministration: IM, SQ',
  site_code       VARCHAR(10)   NULL     COMMENT 'HL7 v3 ActSite: LA, RA',
  primary_source  BOOLEAN       NOT NULL,
  updated_at      DATETIME(6)   NOT NULL,
  KEY ix_immunizations_updated (updated_at, immunization_id),
  KEY ix_immunizations_patient (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE allergies (
  allergy_id          INT          NOT NULL PRIMARY KEY,
  patient_id          INT          NOT NULL,
  recorder_id         INT          NULL     COMMENT 'practitioner who recorded it',
  snomed_code         VARCHAR(20)  NOT NULL,
  substance           VARCHAR(100) NOT NULL,
  allergy_type        VARCHAR(20)  NOT NULL COMMENT 'allergy, intolerance',
  category            VARCHAR(20)  NOT NULL COMMENT 'food, medication, environment',
  criticality         VARCHAR(20)  NOT NULL COMMENT 'low, high, unable-to-assess',
  clinical_status     VARCHAR(20)  NOT NULL COMMENT 'active, inactive, resolved',
  verification_status VARCHAR(20)  NOT NULL COMMENT 'confirmed, unconfirmed',
  reaction_snomed     VARCHAR(20)  NULL,
  reaction_display    VARCHAR(100) NULL,
  reaction_severity   VARCHAR(20)  NULL     COMMENT 'mild, moderate, severe',
  onset_date          DATE         NULL,
  recorded_at         DATETIME     NOT NULL,
  updated_at          DATETIME(6)  NOT NULL,
  KEY ix_allergies_updated (updated_at, allergy_id),
  KEY ix_allergies_patient (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 5 organizations: the hospital, two of its departments (partOf 1), an affiliated family practice and a closed
-- walk-in clinic (active = 0, no encounters).
INSERT INTO organizations (organization_id, name, org_type, parent_organization_id, phone, address_line, city, state,
                           postal_code, active, updated_at) VALUES
  (1, 'Riverside General Hospital',     'prov', NULL, '+1-555-0001', '100 River Road',   'Springfield', 'NY', '12345', 1, '2023-11-01 09:00:00.125000'),
  (2, 'Riverside Emergency Department', 'dept', 1,    '+1-555-0002', '100 River Road',   'Springfield', 'NY', '12345', 1, '2023-11-01 09:00:00.125000'),
  (3, 'Riverside Cardiology Clinic',    'dept', 1,    '+1-555-0003', '120 River Road',   'Springfield', 'NY', '12345', 1, '2023-11-01 09:00:00.125000'),
  (4, 'Northside Family Practice',      'prov', NULL, '+1-555-0004', '8 North Avenue',   'Springfield', 'NY', '12347', 1, '2023-11-02 14:30:00.000000'),
  (5, 'Eastside Walk-in Clinic',        'prov', NULL, NULL,          '55 East Street',   'Springfield', 'NY', '12349', 0, '2023-11-02 14:30:00.000000');

-- 60 practitioners: first name index g = (n-1) mod 12 (even g = female), last name index (n-1) mod 20, so all
-- 60 combinations are distinct. Credential by n mod 5: MD (0-2), DO (3), NP (4, no 'Dr.' prefix).
-- Every 20th is inactive (left the hospital); groups of 4 share updated_at (ties).
INSERT INTO practitioners (practitioner_id, npi, first_name, last_name, name_prefix, credential, gender, phone, email,
                           active, updated_at)
SELECT n, CONCAT('1', LPAD((n * 104729) MOD 1000000000, 9, '0')), first_name, last_name,
       CASE WHEN n MOD 5 = 4 THEN NULL ELSE 'Dr.' END,
       ELT(1 + n MOD 5, 'MD', 'MD', 'MD', 'DO', 'NP'),
       CASE WHEN g MOD 2 = 0 THEN 'female' ELSE 'male' END,
       CASE WHEN n MOD 9 = 0 THEN NULL ELSE CONCAT('+1-555-02', LPAD(n, 2, '0')) END,
       CONCAT(LOWER(first_name), '.', LOWER(last_name), '@riverside.example.org'),
       n MOD 20 <> 0,
       TIMESTAMP('2023-12-01 12:00:00') + INTERVAL ((n - 1) DIV 4) DAY + INTERVAL 500000 MICROSECOND
FROM (
  SELECT n, g,
         ELT(1 + g, 'Sarah', 'Mark', 'Linda', 'Paul', 'Karen', 'Steven', 'Nancy', 'Kevin', 'Laura', 'Brian', 'Megan', 'Eric') AS first_name,
         ELT(1 + (n - 1) MOD 20, 'Patel', 'Nguyen', 'Kim', 'Rossi', 'Cohen', 'Murphy', 'Schmidt', 'Okafor', 'Hughes', 'Bennett',
                                 'Reyes', 'Fischer', 'Sullivan', 'Park', 'Chen', 'Novak', 'Ward', 'Foster', 'Diaz', 'Keller') AS last_name
  FROM (SELECT seq AS n, (seq - 1) MOD 12 AS g FROM seq_1_to_60) i
) p
ORDER BY n;

-- 300 patients. Managing organization: 4 (Northside Family Practice) when n mod 5 = 0, none when n mod 60 = 0,
-- else 1 (the hospital). Given-name index g = (n-1) mod 20 (even g = female name), family index
-- f = (3g + (n-1) div 20) mod 20, so all 300 name combinations are distinct.
-- Patients come in groups of 3 that share the same updated_at (to exercise keyset paging on ties).
INSERT INTO patients (patient_id, patient_name, patient_surname, birth_date, gender, phone, email, organization_id, updated_at)
SELECT n, given, family,
       CASE WHEN n = 1 THEN DATE '1980-04-12'
            WHEN n MOD 50 = 0 THEN NULL
            ELSE DATE '1940-01-01' + INTERVAL ((n * 7919 + 1234) MOD 27757) DAY END,
       CASE WHEN n MOD 75 = 0 THEN 'other'
            WHEN n MOD 120 = 0 THEN 'unknown'
            WHEN g MOD 2 = 0 THEN 'female' ELSE 'male' END,
       CASE WHEN n MOD 7 = 0 THEN NULL ELSE CONCAT('+1-555-', LPAD(99 + n, 4, '0')) END,
       CASE WHEN n MOD 4 = 0 THEN NULL
            ELSE CONCAT(LOWER(REPLACE(given, '''', '')), '.', LOWER(REPLACE(family, '''', '')), n, '@example.org') END,
       CASE WHEN n MOD 60 = 0 THEN NULL WHEN n MOD 5 = 0 THEN 4 ELSE 1 END,
       TIMESTAMP('2024-01-15 08:00:00')
         + INTERVAL (((n - 1) DIV 3) * 606034) SECOND
         + INTERVAL ((((n - 1) DIV 3) * 123457 + 250000) MOD 1000000) MICROSECOND
FROM (
  SELECT n, g,
         ELT(1 + g, 'Alice', 'James', 'Emma', 'Michael', 'Olivia', 'David', 'Sophia', 'Robert', 'Grace', 'William',
                    'Chloe', 'Daniel', 'Hannah', 'Samuel', 'Lily', 'Henry', 'Ruby', 'Jack', 'Zoe', 'Thomas') AS given,
         ELT(1 + f, 'Walker', 'Johnson', 'Smith', 'Brown', 'Miller', 'Davis', 'Wilson', 'Moore', 'Taylor', 'Anderson',
                    'O''Neil', 'Jackson', 'White', 'Harris', 'Martin', 'Thompson', 'Garcia', 'Clark', 'Lewis', 'Young') AS family
  FROM (SELECT seq AS n, (seq - 1) MOD 20 AS g, (3 * ((seq - 1) MOD 20) + (seq - 1) DIV 20) MOD 20 AS f
        FROM seq_1_to_300) i
) p
ORDER BY n;

-- 1500 encounters, 5 per patient: encounter e = (p-1)*5 + j + 1 (j = 0..4) is the visit during which the patient's
-- observation slot k = 2j (below) was taken; it starts at 07:00 on that observation's day, 30-89 minutes before it.
-- Class by (3e) mod 10: 0-5 AMB (check up or consultation; cardiology clinic 3, or 4 for its patients), 6-7 EMER
-- (emergency department 2), 8-9 IMP (hospital 1, 2-5 days). The last encounter of even patients above 290 is still
-- in progress (no end_at). updated_at = 01:30:00.25 on the day after it ended (ties).
INSERT INTO encounters (encounter_id, patient_id, practitioner_id, organization_id, status, class_code, type_snomed,
                        type_display, start_at, end_at, updated_at)
SELECT e, p, 1 + (p * 7 + j * 13) MOD 60,
       CASE WHEN cls = 'EMER' THEN 2 WHEN cls = 'IMP' THEN 1 WHEN p MOD 5 = 0 THEN 4 ELSE 3 END,
       IF(open_visit, 'in-progress', 'finished'),
       cls,
       CASE WHEN cls = 'EMER' THEN '50849002' WHEN cls = 'IMP' THEN '32485007' WHEN e MOD 2 = 0 THEN '185349003' ELSE '11429006' END,
       CASE WHEN cls = 'EMER' THEN 'Emergency room admission' WHEN cls = 'IMP' THEN 'Hospital admission'
            WHEN e MOD 2 = 0 THEN 'Encounter for check up' ELSE 'Consultation' END,
       start_at,
       end_at,
       TIMESTAMP(DATE(COALESCE(end_at, start_at)) + INTERVAL 1 DAY, '01:30:00.250000')
FROM (
  SELECT e, p, j, cls, open_visit, start_at,
         CASE WHEN open_visit THEN NULL
              WHEN cls = 'AMB' THEN start_at + INTERVAL 2 HOUR
              WHEN cls = 'EMER' THEN start_at + INTERVAL 6 HOUR
              ELSE start_at + INTERVAL (2 + e MOD 4) DAY END AS end_at
  FROM (
    SELECT e, p, j,
           CASE WHEN (e * 3) MOD 10 < 6 THEN 'AMB' WHEN (e * 3) MOD 10 < 8 THEN 'EMER' ELSE 'IMP' END AS cls,
           (j = 4 AND p > 290 AND p MOD 2 = 0) AS open_visit,
           TIMESTAMP('2024-01-01 07:00:00') + INTERVAL ((p - 1) * 2 + j * 24) DAY + INTERVAL (j * 6) HOUR AS start_at
    FROM (SELECT seq AS e, (seq - 1) DIV 5 + 1 AS p, (seq - 1) MOD 5 AS j FROM seq_1_to_1500) i
  ) c
) x
ORDER BY e;

-- 3000 observations, 10 per patient: observation o belongs to patient (o-1) div 10 + 1; its slot k = (o-1) mod 10
-- picks the code: k mod 5 = 0 heart rate, 1 body temperature, 2 body weight, 3 body height, 4 glucose.
-- Even slots were taken during encounter (p-1)*5 + k/2 + 1; odd slots have no encounter (encounter_id NULL).
-- updated_at = 01:00:00.5 on the day after observed_at, so many observations share an updated_at (ties).
INSERT INTO observations (observation_id, patient_id, encounter_id, loinc_code, display_name, value_numeric, unit, observed_at,
                          updated_at)
SELECT o, p, CASE WHEN k MOD 2 = 0 THEN (p - 1) * 5 + k DIV 2 + 1 END,
       ELT(1 + c, '8867-4', '8310-5', '29463-7', '8302-2', '2339-0'),
       ELT(1 + c, 'Heart rate', 'Body temperature', 'Body weight', 'Body height', 'Glucose [Mass/volume] in Blood'),
       CASE c WHEN 0 THEN 55 + (o * 37) MOD 50
              WHEN 1 THEN 36.0 + ((o * 13) MOD 25) / 10
              WHEN 2 THEN 45 + ((o * 29) MOD 600) / 10
              WHEN 3 THEN 150 + (p * 17) MOD 45 + ((o * 3) MOD 10) / 10
              ELSE 70 + (o * 31) MOD 90 END,
       ELT(1 + c, '/min', 'Cel', 'kg', 'cm', 'mg/dL'),
       obs_at,
       TIMESTAMP(DATE(obs_at) + INTERVAL 1 DAY, '01:00:00.500000')
FROM (
  SELECT o, p, k, k MOD 5 AS c,
         TIMESTAMP('2024-01-01 07:30:00')
           + INTERVAL ((p - 1) * 2 + k * 12) DAY + INTERVAL (k * 3) HOUR + INTERVAL ((o * 7) MOD 60) MINUTE AS obs_at
  FROM (SELECT seq AS o, (seq - 1) DIV 10 + 1 AS p, (seq - 1) MOD 10 AS k FROM seq_1_to_3000) i
) x
ORDER BY o;

-- 600 conditions: patient p has 1 + (p mod 3) of them (j = 0..), ICD-10 code index (3p + 7j) mod 10, so a patient
-- never has the same code twice. Chronic codes are problem-list items (onset years ago, NULL when (p+j) mod 13 = 0,
-- inactive when (p+j) mod 17 = 0), recorded at the patient's first encounter, without an encounter of their own.
-- Acute codes are diagnoses of encounter (p-1)*5 + 2j + 1 (onset that day, resolved 10-24 days later; still active
-- when that encounter is in progress). Provisional when (7p + j) mod 23 = 0. Ids follow (patient, j).
INSERT INTO conditions (condition_id, patient_id, encounter_id, icd10_code, description, category, clinical_status,
                        verification_status, onset_date, abatement_date, recorded_at, updated_at)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), x.p,
       IF(x.acute, e.encounter_id, NULL),
       ELT(1 + ci, 'I10', 'E11.9', 'J06.9', 'E78.5', 'J45.9', 'N39.0', 'F41.1', 'M54.5', 'K21.9', 'J18.9'),
       ELT(1 + ci, 'Essential (primary) hypertension', 'Type 2 diabetes mellitus without complications',
                   'Acute upper respiratory infection, unspecified', 'Hyperlipidemia, unspecified', 'Asthma, unspecified',
                   'Urinary tract infection, site not specified', 'Generalized anxiety disorder', 'Low back pain',
                   'Gastro-esophageal reflux disease without esophagitis', 'Pneumonia, unspecified organism'),
       IF(x.acute, 'encounter-diagnosis', 'problem-list-item'),
       CASE WHEN x.acute AND e.status = 'in-progress' THEN 'active' WHEN x.acute THEN 'resolved'
            WHEN (x.p + x.j) MOD 17 = 0 THEN 'inactive' ELSE 'active' END,
       IF((x.p * 7 + x.j) MOD 23 = 0, 'provisional', 'confirmed'),
       CASE WHEN x.acute THEN DATE(e.start_at)
            WHEN (x.p + x.j) MOD 13 = 0 THEN NULL
            ELSE DATE '2005-01-01' + INTERVAL ((x.p * 373 + x.j * 991) MOD 6900) DAY END,
       CASE WHEN x.acute AND e.status = 'finished' THEN DATE(e.start_at) + INTERVAL (10 + (x.p + x.j) MOD 15) DAY END,
       IF(x.acute, e.start_at, f.start_at) + INTERVAL (50 + x.j) MINUTE,
       TIMESTAMP(DATE(IF(x.acute, e.start_at, f.start_at)) + INTERVAL 1 DAY, '02:15:00.750000')
FROM (
  SELECT p, j, (3 * p + 7 * j) MOD 10 AS ci, ((3 * p + 7 * j) MOD 10) IN (2, 5, 7, 9) AS acute
  FROM (SELECT (seq - 1) DIV 3 + 1 AS p, (seq - 1) MOD 3 AS j FROM seq_1_to_900) i
  WHERE j <= p MOD 3
) x
JOIN encounters e ON e.encounter_id = (x.p - 1) * 5 + 2 * x.j + 1
JOIN encounters f ON f.encounter_id = (x.p - 1) * 5 + 1
ORDER BY x.p, x.j;

-- 750 immunizations: patient p has 2 + (p mod 2) (j = 0..). j = 0 and 1 were given during encounter (p-1)*5 + 2j + 2,
-- 40 minutes after it started, by its practitioner; j = 2 is a history reported by the patient (primary_source 0,
-- no encounter, practitioner, lot, dose, route or site). CVX index (p + 3j) mod 8. Not done (patient objection or
-- medical precaution, nothing given) when j < 2 and (3p + j) mod 29 = 0.
INSERT INTO immunizations (immunization_id, patient_id, encounter_id, practitioner_id, cvx_code, vaccine_name, status,
                           not_done_reason, administered_at, lot_number, dose_amount, dose_unit, route_code, site_code,
                           primary_source, updated_at)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), x.p, e.encounter_id, e.practitioner_id,
       ELT(1 + vi, '141', '208', '115', '33', '43', '03', '21', '187'),
       ELT(1 + vi, 'Influenza, seasonal, injectable', 'COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose', 'Tdap',
                   'pneumococcal polysaccharide PPV23', 'Hep B, adult', 'MMR', 'varicella', 'zoster recombinant'),
       IF(not_done, 'not-done', 'completed'),
       CASE WHEN not_done THEN IF(x.p MOD 2 = 0, 'PATOBJ', 'MEDPREC') END,
       COALESCE(e.start_at + INTERVAL 40 MINUTE,
                TIMESTAMP(DATE '2015-01-01' + INTERVAL ((x.p * 211) MOD 3000) DAY, '10:00:00')),
       CASE WHEN given THEN CONCAT(ELT(1 + vi, 'FL', 'CV', 'TD', 'PN', 'HB', 'MR', 'VR', 'ZS'),
                                   LPAD((x.p * 7919 + x.j * 104729) MOD 100000, 5, '0')) END,
       CASE WHEN given THEN IF(vi = 1, 0.30, 0.50) END,
       CASE WHEN given THEN 'mL' END,
       CASE WHEN given THEN IF(vi IN (5, 6), 'SQ', 'IM') END,
       CASE WHEN given THEN IF((x.p + x.j) MOD 2 = 0, 'LA', 'RA') END,
       x.j < 2,
       TIMESTAMP(DATE(COALESCE(e.start_at, TIMESTAMP('2024-01-01 00:00:00') + INTERVAL x.p DAY)) + INTERVAL 1 DAY, '03:00:00.125000')
FROM (
  SELECT p, j, (p + 3 * j) MOD 8 AS vi,
         (j < 2 AND (3 * p + j) MOD 29 = 0) AS not_done,
         (j < 2 AND (3 * p + j) MOD 29 <> 0) AS given
  FROM (SELECT (seq - 1) DIV 3 + 1 AS p, (seq - 1) MOD 3 AS j FROM seq_1_to_900) i
  WHERE j < 2 + p MOD 2
) x
LEFT JOIN encounters e ON x.j < 2 AND e.encounter_id = (x.p - 1) * 5 + 2 * x.j + 2
ORDER BY x.p, x.j;

-- 250 allergies: j = 0 for patients with p mod 3 <> 0 (200), j = 1 as well when p mod 6 = 1 (50). Substance index
-- (7p + 3j) mod 10 fixes code, type, category, criticality and usual reaction. No reaction recorded when
-- (p+j) mod 7 = 0; onset unknown when p mod 4 = 0 or the birth date is unknown, else 3+ years after birth (at the
-- latest 2023-12-31). Recorded at the patient's first encounter by its practitioner. Cow's milk allergy is resolved
-- (outgrown) when p mod 20 = 11; inactive when (p+j) mod 19 = 0; unconfirmed when (3p + j) mod 8 = 0.
INSERT INTO allergies (allergy_id, patient_id, recorder_id, snomed_code, substance, allergy_type, category, criticality,
                       clinical_status, verification_status, reaction_snomed, reaction_display, reaction_severity,
                       onset_date, recorded_at, updated_at)
SELECT ROW_NUMBER() OVER (ORDER BY x.p, x.j), x.p, f.practitioner_id,
       ELT(1 + ai, '372687004', '387458008', '256349002', '227493005', '111088007', '256259004', '264287008', '3718001',
                   '47703008', '764146007'),
       ELT(1 + ai, 'Amoxicillin', 'Aspirin', 'Peanut', 'Cashew nuts', 'Latex', 'Pollen', 'Animal dander', 'Cow''s milk',
                   'Lactose', 'Penicillin'),
       IF(ai = 8, 'intolerance', 'allergy'),
       ELT(1 + ai, 'medication', 'medication', 'food', 'food', 'environment', 'environment', 'environment', 'food', 'food',
                   'medication'),
       ELT(1 + ai, 'low', 'unable-to-assess', 'high', 'high', 'high', 'low', 'low', 'low', 'low', 'high'),
       CASE WHEN ai = 7 AND x.p MOD 20 = 11 THEN 'resolved' WHEN (x.p + x.j) MOD 19 = 0 THEN 'inactive' ELSE 'active' END,
       IF((3 * x.p + x.j) MOD 8 = 0, 'unconfirmed', 'confirmed'),
       CASE WHEN has_reaction THEN ELT(1 + ai, '271807003', '247472004', '39579001', '39579001', '247472004', '76067001',
                                       '267036007', '247472004', '62315008', '39579001') END,
       CASE WHEN has_reaction THEN ELT(1 + ai, 'Eruption of skin', 'Weal', 'Anaphylaxis', 'Anaphylaxis', 'Weal', 'Sneezing',
                                       'Dyspnea', 'Weal', 'Diarrhea', 'Anaphylaxis') END,
       CASE WHEN has_reaction THEN ELT(1 + ai, 'moderate', 'mild', 'severe', 'severe', 'moderate', 'mild', 'moderate', 'mild',
                                       'mild', 'severe') END,
       CASE WHEN x.p MOD 4 = 0 THEN NULL
            ELSE LEAST(pt.birth_date + INTERVAL (1095 + (x.p * 431 + x.j * 97) MOD 5000) DAY, DATE '2023-12-31') END,
       f.start_at + INTERVAL (20 + x.j) MINUTE,
       TIMESTAMP(DATE(f.start_at) + INTERVAL 1 DAY, '02:45:00.000000')
FROM (
  SELECT p, j, (7 * p + 3 * j) MOD 10 AS ai, (p + j) MOD 7 <> 0 AS has_reaction
  FROM (SELECT (seq - 1) DIV 2 + 1 AS p, (seq - 1) MOD 2 AS j FROM seq_1_to_600) i
  WHERE (j = 0 AND p MOD 3 <> 0) OR (j = 1 AND p MOD 6 = 1)
) x
JOIN patients pt ON pt.patient_id = x.p
JOIN encounters f ON f.encounter_id = (x.p - 1) * 5 + 1
ORDER BY x.p, x.j;

-- Read-only login for this tenant only.
CREATE USER IF NOT EXISTS 'fs_hospital_a'@'127.0.0.1' IDENTIFIED BY 'demo_hospital_a_pw';
CREATE USER IF NOT EXISTS 'fs_hospital_a'@'localhost' IDENTIFIED BY 'demo_hospital_a_pw';
ALTER USER 'fs_hospital_a'@'127.0.0.1' IDENTIFIED BY 'demo_hospital_a_pw';
ALTER USER 'fs_hospital_a'@'localhost' IDENTIFIED BY 'demo_hospital_a_pw';
GRANT SELECT ON `tenant_hospital_a`.* TO 'fs_hospital_a'@'127.0.0.1';
GRANT SELECT ON `tenant_hospital_a`.* TO 'fs_hospital_a'@'localhost';
