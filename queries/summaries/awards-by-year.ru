# title: Awards by year
# description: How many distinct awards were conferred or proposed for each achievement year and
# description: award type: one qb:Observation per (year, award type, status) in the graph
# description: <https://w3id.org/thidua/graph/summaries/awards-by-year>, read by the named query
# description: awards-by-year. Refreshed by every load and prune, and by `thidua summaries`.
#
# One update, so one transaction: the summary is dropped and recomputed from the facts, never
# half-written. It is plain SPARQL 1.1 Update, run as it is on the embedded store and on a
# SPARQL server (curl --data-urlencode update@awards-by-year.ru http://host:7878/update).
# The WHERE clause names its graphs (GRAPH ?g): the default graph of an update is the store's
# real default graph on Oxigraph (empty), not the union of the named graphs queries see.
PREFIX td: <https://w3id.org/thidua/ontology#>
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX dcterms: <http://purl.org/dc/terms/>

DROP SILENT GRAPH <https://w3id.org/thidua/graph/summaries/awards-by-year> ;

# The data set node is written even when no award counts: it says the summary exists.
INSERT DATA {
  GRAPH <https://w3id.org/thidua/graph/summaries/awards-by-year> {
    <https://w3id.org/thidua/id/summary/awards-by-year> a qb:DataSet ;
      qb:structure td:AwardsByYearStructure ;
      dcterms:title "Awards by year, award type and status"@en ,
                    "Số khen thưởng theo năm, hình thức và trạng thái"@vi .
  }
} ;

INSERT {
  GRAPH <https://w3id.org/thidua/graph/summaries/awards-by-year> {
    ?row a qb:Observation ;
      qb:dataSet <https://w3id.org/thidua/id/summary/awards-by-year> ;
      td:countStatus ?statusNode ;
      td:countYear ?achievementYear ;         # absent when the awards have no year
      td:countAwardType ?awardType ;          # absent for awards of no known type
      td:awardCount ?awards .
  }
}
WHERE {
  # The aggregate: every award is read, so each of its properties is read in one pass (a
  # subquery) and the passes are hash-joined on ?a.
  {
    SELECT ?achievementYear ?awardType ?statusNode (COUNT(*) AS ?awards) WHERE {
      {
        # One award is one recipient, type (else the words written) and year, however many
        # articles report it.
        SELECT DISTINCT ?achievementYear ?awardType ?statusNode ?recipient ?what WHERE {
          { SELECT ?a ?statusNode WHERE { GRAPH ?g1 { ?a td:status ?statusNode } } }
          { SELECT ?a ?recipient WHERE { GRAPH ?g2 { ?a td:recipient ?recipient } } }
          OPTIONAL { SELECT ?a ?awardType WHERE { GRAPH ?g3 { ?a td:awardType ?awardType } } }
          OPTIONAL { SELECT ?a ?achievementYear WHERE { GRAPH ?g4 { ?a td:achievementYear ?achievementYear } } }
          OPTIONAL { SELECT ?a ?written WHERE { GRAPH ?g5 { ?a td:awardLabel ?written } } }
          BIND(COALESCE(?awardType, ?written) AS ?what)
        }
      }
    }
    GROUP BY ?achievementYear ?awardType ?statusNode
  }
  # One IRI per row, made from its key, so two loads (or the embedded and the remote store)
  # write the same triples: .../awards-by-year/2023/conferred/award-type/bang-khen. A type
  # under https://w3id.org/thidua/ keeps its path there (two or more segments), another IRI is
  # %-encoded; "no-year" (years are digits) and "no-type" (one segment) cannot be keys.
  BIND(COALESCE(STR(?achievementYear), "no-year") AS ?yearKey)
  BIND(IF(STRSTARTS(STR(?statusNode), STR(td:)), LCASE(STRAFTER(STR(?statusNode), STR(td:))),
          ENCODE_FOR_URI(STR(?statusNode))) AS ?statusKey)
  BIND(COALESCE(IF(STRSTARTS(STR(?awardType), "https://w3id.org/thidua/"),
                   STRAFTER(STR(?awardType), "https://w3id.org/thidua/"),
                   ENCODE_FOR_URI(STR(?awardType))), "no-type") AS ?typeKey)
  BIND(IRI(CONCAT("https://w3id.org/thidua/id/summary/awards-by-year/", ?yearKey, "/",
                  ?statusKey, "/", ?typeKey)) AS ?row)
}
