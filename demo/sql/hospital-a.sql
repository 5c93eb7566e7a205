-- Demo tenant `hospital-a`: source database tenant_hospital_a, read-only login fs_hospital_a.
-- English snake_case schema. Fake, deterministic data generated with MariaDB's SEQUENCE engine
-- (seq_1_to_N tables); re-running this file drops and recreates the database with identical content.
-- Needs a login with CREATE/DROP, CREATE USER and GRANT OPTION (root or fhirsync_admin). See README.md.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET time_zone = '+00:00';

DROP DATABASE IF EXISTS tenant_hospital_a;
CREATE DATABASE tenant_hospital_a CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE tenant_hospital_a;

CREATE TABLE patients (
  patient_id      INT          NOT NULL PRIMARY KEY,
  patient_name    VARCHAR(100) NOT NULL COMMENT 'given name',
  patient_surname VARCHAR(100) NOT NULL COMMENT 'family name',
  birth_date      DATE         NULL,
  gender          VARCHAR(10)  NOT NULL COMMENT 'male, female, other, unknown',
  phone           VARCHAR(30)  NULL,
  email           VARCHAR(120) NULL,
  updated_at      DATETIME(6)  NOT NULL,
  KEY ix_patients_updated (updated_at, patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE observations (
  observation_id BIGINT        NOT NULL PRIMARY KEY,
  patient_id     INT           NOT NULL,
  loinc_code     VARCHAR(20)   NOT NULL,
  display_name   VARCHAR(100)  NOT NULL,
  value_numeric  DECIMAL(10,2) NOT NULL,
  unit           VARCHAR(20)   NOT NULL,
  observed_at    DATETIME      NOT NULL,
  updated_at     DATETIME(6)   NOT NULL,
  KEY ix_observations_updated (updated_at, observation_id),
  KEY ix_observations_patient (patient_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 300 patients. Given-name index g = (n-1) mod 20 (even g = female name), family index
-- f = (3g + (n-1) div 20) mod 20, so all 300 name combinations are distinct.
-- Patients come in groups of 3 that share the same updated_at (to exercise keyset paging on ties).
INSERT INTO patients (patient_id, patient_name, patient_surname, birth_date, gender, phone, email, updated_at)
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

-- 3000 observations, 10 per patient: observation o belongs to patient (o-1) div 10 + 1; its slot k = (o-1) mod 10
-- picks the code: k mod 5 = 0 heart rate, 1 body temperature, 2 body weight, 3 body height, 4 glucose.
-- updated_at = 01:00:00.5 on the day after observed_at, so many observations share an updated_at (ties).
INSERT INTO observations (observation_id, patient_id, loinc_code, display_name, value_numeric, unit, observed_at, updated_at)
SELECT o, p,
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

-- Read-only login for this tenant only.
CREATE USER IF NOT EXISTS 'fs_hospital_a'@'127.0.0.1' IDENTIFIED BY 'demo_hospital_a_pw';
CREATE USER IF NOT EXISTS 'fs_hospital_a'@'localhost' IDENTIFIED BY 'demo_hospital_a_pw';
ALTER USER 'fs_hospital_a'@'127.0.0.1' IDENTIFIED BY 'demo_hospital_a_pw';
ALTER USER 'fs_hospital_a'@'localhost' IDENTIFIED BY 'demo_hospital_a_pw';
GRANT SELECT ON `tenant_hospital_a`.* TO 'fs_hospital_a'@'127.0.0.1';
GRANT SELECT ON `tenant_hospital_a`.* TO 'fs_hospital_a'@'localhost';
