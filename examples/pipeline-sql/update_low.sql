-- Scores the Low Value segment. The updates all change CUSTOMER_DATA, which an
-- UPDATE locks until its transaction commits: they wait for each other
-- (BLOCKED) and run one after another, whatever order they start in.
-- after: customers
-- estimate: 1s
BEGIN;
UPDATE CUSTOMER_DATA SET LOYALTY_SCORE = UNIFORM(0, 49, RANDOM()), PURCHASE_TRENDS = 'Occasional purchases', UPDATED_TS = CURRENT_TIMESTAMP WHERE SEGMENT = 'Low Value';
CALL SYSTEM$WAIT(1);
COMMIT;
