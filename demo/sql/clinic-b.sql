-- Demo tenant `clinic-b`: source database tenant_clinic_b, read-only login fs_clinic_b.
-- Legacy schema: abbreviated upper-case names, dates and numbers stored as strings.
-- Fake, deterministic data generated with MariaDB's SEQUENCE engine (seq_1_to_N tables); re-running this file
-- drops and recreates the database with identical content.
-- Needs a login with CREATE/DROP, CREATE USER and GRANT OPTION (root or fhirsync_admin). See README.md.
SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci;
SET time_zone = '+00:00';

DROP DATABASE IF EXISTS tenant_clinic_b;
CREATE DATABASE tenant_clinic_b CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE tenant_clinic_b;

CREATE TABLE PAT (
  PAT_NO    VARCHAR(12)  NOT NULL PRIMARY KEY COMMENT '''B'' + 6 digits, e.g. B000001',
  full_name VARCHAR(200) NOT NULL COMMENT '''Last, First''',
  DOB       CHAR(8)      NULL     COMMENT 'YYYYMMDD',
  SEX       VARCHAR(8)   NOT NULL COMMENT 'male / female',
  LAST_MOD  DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE LAB_RES (
  RES_ID   INT          NOT NULL PRIMARY KEY,
  PAT_NO   VARCHAR(12)  NOT NULL,
  TEST_CD  VARCHAR(20)  NOT NULL COMMENT 'LOINC code',
  TEST_NM  VARCHAR(100) NOT NULL,
  RES_VAL  VARCHAR(20)  NOT NULL COMMENT 'numeric as string, 2 decimals',
  RES_UNIT VARCHAR(20)  NOT NULL,
  RES_DT   CHAR(14)     NOT NULL COMMENT 'yyyyMMddHHmmss',
  LAST_MOD DATETIME     NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- 250 patients. Given-name index g = (n-1) mod 20 (even g = male name), family index
-- f = (7g + (n-1) div 20) mod 20, so all 250 name combinations are distinct.
-- Patients come in pairs that share the same LAST_MOD (ties).
INSERT INTO PAT (PAT_NO, full_name, DOB, SEX, LAST_MOD)
SELECT CONCAT('B', LPAD(n, 6, '0')),
       CONCAT(family, ', ', given),
       CASE WHEN n = 1 THEN '19750302'
            WHEN n MOD 50 = 0 THEN NULL
            ELSE DATE_FORMAT(DATE '1940-01-01' + INTERVAL ((n * 6151 + 4321) MOD 27757) DAY, '%Y%m%d') END,
       CASE WHEN g MOD 2 = 0 THEN 'male' ELSE 'female' END,
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

-- 2500 results, 10 per patient: result r belongs to patient (r-1) div 10 + 1; slot k = (r-1) mod 10 picks the
-- test: k mod 5 = 0 body temperature, 1 heart rate, 2 glucose, 3 body weight, 4 body height.
-- LAST_MOD = 02:00:00 on the day after RES_DT, so many results share a LAST_MOD (ties).
INSERT INTO LAB_RES (RES_ID, PAT_NO, TEST_CD, TEST_NM, RES_VAL, RES_UNIT, RES_DT, LAST_MOD)
SELECT r, CONCAT('B', LPAD(p, 6, '0')),
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

-- Read-only login for this tenant only.
CREATE USER IF NOT EXISTS 'fs_clinic_b'@'127.0.0.1' IDENTIFIED BY 'demo_clinic_b_pw';
CREATE USER IF NOT EXISTS 'fs_clinic_b'@'localhost' IDENTIFIED BY 'demo_clinic_b_pw';
ALTER USER 'fs_clinic_b'@'127.0.0.1' IDENTIFIED BY 'demo_clinic_b_pw';
ALTER USER 'fs_clinic_b'@'localhost' IDENTIFIED BY 'demo_clinic_b_pw';
GRANT SELECT ON `tenant_clinic_b`.* TO 'fs_clinic_b'@'127.0.0.1';
GRANT SELECT ON `tenant_clinic_b`.* TO 'fs_clinic_b'@'localhost';
