SELECT
  scored.*,
  CAST("R" AS TEXT) || CAST("F" AS TEXT) || CAST("M" AS TEXT) AS "RFM"
FROM (
  SELECT
    rfm.*,
    1 + (
      5 * (
        RANK() OVER (ORDER BY recency DESC) - 1
      )
    ) // COUNT(*) OVER () AS "R",
    1 + (
      5 * (
        RANK() OVER (ORDER BY frequency ASC) - 1
      )
    ) // COUNT(*) OVER () AS "F",
    1 + (
      5 * (
        RANK() OVER (ORDER BY monetary ASC) - 1
      )
    ) // COUNT(*) OVER () AS "M"
  FROM (
    WITH purchases AS (
      SELECT
        "customer_id" AS customer,
        CAST("date" AS DATE) AS day,
        CASE
          WHEN "amount" IS NULL
          OR NOT (
            "amount" >= 0 AND "amount" <= 1.7976931348623157e308
          )
          THEN ERROR('marketing_kpi: negative, missing, NaN or infinite amount')
          ELSE CAST("amount" AS DOUBLE)
        END AS amount
      FROM "transactions"
      WHERE
        CASE
          WHEN "customer_id" IS NULL OR "date" IS NULL
          THEN ERROR('marketing_kpi: missing customer id or date')
          ELSE CAST("date" AS DATE)
        END <= CAST($as_of AS DATE)
    ), per_customer AS (
      SELECT
        customer,
        MAX(day) AS last_day,
        COUNT(DISTINCT day) AS frequency,
        SUM(amount) AS total
      FROM purchases
      GROUP BY
        customer
    )
    SELECT
      customer AS "customer_id",
      DATE_DIFF('DAY', last_day, CAST($as_of AS DATE)) AS recency,
      frequency,
      ROUND(CAST(total AS DOUBLE) / frequency, 9) AS monetary
    FROM per_customer
  ) AS rfm
) AS scored
ORDER BY
  "customer_id"
