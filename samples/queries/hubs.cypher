// The hubs of the partnership network by PageRank.
CALL algo.pagerank({view: 'partners'}) YIELD node, score
RETURN node.name AS party, labels(node)[0] AS label, round(score * 1000) / 1000 AS pagerank
ORDER BY pagerank DESC, party LIMIT 10;
