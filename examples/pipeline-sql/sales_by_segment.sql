-- The aggregate that reads what every other step wrote: sales per segment.
-- after: load_na, load_eu, load_asia
-- after: update_high, update_medium, update_low
-- estimate: 200ms
CREATE OR REPLACE TRANSIENT TABLE SALES_BY_SEGMENT AS
SELECT C.SEGMENT, COUNT(*) AS SALES, SUM(S.AMOUNT) AS AMOUNT, AVG(C.LOYALTY_SCORE) AS AVG_LOYALTY
FROM (SELECT * FROM NORTH_AMERICA_SALES
      UNION ALL SELECT * FROM EUROPE_SALES
      UNION ALL SELECT * FROM ASIA_SALES) S
JOIN CUSTOMER_DATA C ON C.CUSTOMER_ID = S.CUSTOMER_ID
GROUP BY C.SEGMENT;
