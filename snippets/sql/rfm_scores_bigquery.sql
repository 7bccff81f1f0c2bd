SELECT
  scored.*,
  CAST(`R` AS STRING) || CAST(`F` AS STRING) || CAST(`M` AS STRING) AS `RFM`
FROM (
  SELECT
    rfm.*,
    1 + DIV((
      5 * (
        RANK() OVER (ORDER BY recency DESC) - 1
      )
    ), COUNT(*) OVER ()) AS `R`,
    1 + DIV(
      (
        5 * (
          RANK() OVER (ORDER BY frequency ASC NULLS LAST) - 1
        )
      ),
      COUNT(*) OVER ()
    ) AS `F`,
    1 + DIV(
      (
        5 * (
          RANK() OVER (ORDER BY monetary ASC NULLS LAST) - 1
        )
      ),
      COUNT(*) OVER ()
    ) AS `M`
  FROM (
    WITH purchases AS (
      SELECT
        `customer_id` AS customer,
        CAST(`date` AS DATE) AS day,
        CASE
          WHEN `amount` IS NULL
          OR NOT (
            `amount` >= 0 AND `amount` <= 1.7976931348623157e308
          )
          THEN ERROR('marketing_kpi: negative, missing, NaN or infinite amount')
          ELSE CAST(`amount` AS FLOAT64)
        END AS amount
      FROM `transactions`
      WHERE
        CASE
          WHEN `customer_id` IS NULL OR `date` IS NULL
          THEN ERROR('marketing_kpi: missing customer id or date')
          ELSE CAST(`date` AS DATE)
        END <= CAST(@as_of AS DATE)
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
      customer AS `customer_id`,
      DATE_DIFF(CAST(@as_of AS DATE), last_day, DAY) AS recency,
      frequency,
      ROUND(CAST(total AS FLOAT64) / frequency, 9) AS monetary
    FROM per_customer
  ) AS rfm
) AS scored
ORDER BY
  `customer_id` NULLS LAST
