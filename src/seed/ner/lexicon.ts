/**
 * Hand-written, general-knowledge word lists for the demo NER models. Each list is a whole category
 * (all UN member states, all US states and capitals, ...) rather than words picked from the
 * evaluation sentences; the model cards say plainly that their authors had seen those sentences.
 * Entries with spaces are multi-word names: the first word is tagged B-, the others I-.
 */

/** UN member states (short names), plus the UK's constituent countries and a few other territories. */
export const COUNTRIES = `Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|Austria|
Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Botswana|
Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|
Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|
Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|
Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|
Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|
Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|Netherlands|New Zealand|Nicaragua|
Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
Portugal|Qatar|Romania|Russia|Rwanda|Saint Kitts and Nevis|Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|
Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|
Suriname|Sweden|Switzerland|Syria|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|
Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|United States|Uruguay|Uzbekistan|Vanuatu|Venezuela|Vietnam|Yemen|
Zambia|Zimbabwe|England|Scotland|Wales|Northern Ireland|Taiwan|Palestine|Kosovo|Hong Kong|Puerto Rico|Greenland|Vatican`;

/** The 50 US states. */
export const US_STATES = `Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|
Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|
Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|
Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming`;

/** US state capitals, the largest US cities (1990 census top 30) and capitals of large countries. */
export const CITIES = `Montgomery|Juneau|Phoenix|Little Rock|Sacramento|Denver|Hartford|Dover|Tallahassee|Atlanta|Honolulu|Boise|
Springfield|Indianapolis|Des Moines|Topeka|Frankfort|Baton Rouge|Augusta|Annapolis|Boston|Lansing|Saint Paul|Jackson|
Jefferson City|Helena|Lincoln|Carson City|Concord|Trenton|Santa Fe|Albany|Raleigh|Bismarck|Columbus|Oklahoma City|Salem|
Harrisburg|Providence|Columbia|Pierre|Nashville|Austin|Salt Lake City|Montpelier|Richmond|Olympia|Charleston|Madison|Cheyenne|
Los Angeles|Chicago|Houston|Philadelphia|San Diego|Detroit|Dallas|San Antonio|San Jose|Baltimore|San Francisco|Jacksonville|
Milwaukee|Memphis|Seattle|El Paso|Cleveland|New Orleans|Fort Worth|Portland|Kansas City|Miami|Las Vegas|Pittsburgh|Minneapolis|
London|Paris|Berlin|Bonn|Rome|Madrid|Lisbon|Brussels|Amsterdam|The Hague|Vienna|Bern|Geneva|Zurich|Stockholm|Oslo|Copenhagen|
Helsinki|Dublin|Edinburgh|Warsaw|Prague|Budapest|Bucharest|Sofia|Belgrade|Zagreb|Sarajevo|Athens|Ankara|Istanbul|Moscow|Kiev|
Minsk|Tokyo|Beijing|Shanghai|Seoul|Pyongyang|Taipei|Manila|Jakarta|Bangkok|Hanoi|Kuala Lumpur|New Delhi|Bombay|Karachi|
Islamabad|Kabul|Tehran|Baghdad|Damascus|Beirut|Amman|Jerusalem|Tel Aviv|Riyadh|Cairo|Tripoli|Tunis|Algiers|Rabat|Nairobi|
Lagos|Johannesburg|Pretoria|Cape Town|Harare|Addis Ababa|Kinshasa|Mexico City|Havana|Bogota|Caracas|Lima|Quito|Santiago|
Buenos Aires|Montevideo|Brasilia|Rio de Janeiro|Sao Paulo|Ottawa|Toronto|Montreal|Vancouver|Sydney|Melbourne|Canberra|Wellington`;

/** Words that end or continue a place name. */
export const PLACE_WORDS = `City|County|River|Lake|Island|Islands|Mountains|Mount|Bay|Valley|Beach|Springs|Falls|Ocean|Sea|Gulf|
Peninsula|Province|Strait|Canal|Desert|Coast|Street|Avenue|Square`;

/** Common English given names. */
export const GIVEN_NAMES = `James|John|Robert|Michael|William|David|Richard|Charles|Joseph|Thomas|Christopher|Daniel|Paul|Mark|
Donald|George|Kenneth|Steven|Edward|Brian|Ronald|Anthony|Kevin|Jason|Matthew|Gary|Timothy|Jose|Larry|Jeffrey|Frank|Scott|Eric|
Stephen|Andrew|Raymond|Gregory|Joshua|Jerry|Dennis|Walter|Patrick|Peter|Harold|Douglas|Henry|Carl|Arthur|Ryan|Roger|Joe|Juan|
Jack|Albert|Jonathan|Justin|Terry|Gerald|Keith|Samuel|Willie|Ralph|Lawrence|Nicholas|Roy|Benjamin|Bruce|Brandon|Adam|Harry|Fred|
Wayne|Billy|Steve|Louis|Jeremy|Aaron|Randy|Howard|Eugene|Carlos|Russell|Bobby|Victor|Martin|Ernest|Phillip|Todd|Jesse|Craig|
Alan|Shawn|Clarence|Sean|Philip|Chris|Johnny|Earl|Jimmy|Antonio|Danny|Bryan|Tony|Luis|Mike|Stanley|Leonard|Nathan|Dale|Manuel|
Rodney|Curtis|Norman|Allen|Marvin|Vincent|Glenn|Jeffery|Travis|Jeff|Chad|Jacob|Lee|Melvin|Alfred|Kyle|Francis|Bradley|Jesus|
Herbert|Frederick|Ray|Joel|Edwin|Don|Eddie|Ricky|Troy|Randall|Barry|Alexander|Bernard|Mario|Leroy|Francisco|Marcus|Micheal|
Theodore|Clifford|Miguel|Oscar|Jay|Jim|Tom|Calvin|Alex|Jon|Ronnie|Bill|Lloyd|Tommy|Leon|Derek|Warren|Darrell|Jerome|Floyd|Leo|
Alvin|Tim|Wesley|Gordon|Dean|Greg|Jorge|Dustin|Derrick|Dan|Lewis|Zachary|Corey|Herman|Maurice|Vernon|Roberto|Clyde|Glen|Hector|
Shane|Ricardo|Sam|Rick|Lester|Brent|Ramon|Charlie|Tyler|Gilbert|Gene|Marc|Reginald|Ruben|Brett|Angel|Nathaniel|Rafael|Leslie|
Edgar|Milton|Raul|Ben|Chester|Cecil|Duane|Franklin|Andre|Elmer|Brad|Gabriel|Ron|Mitchell|Roland|Arnold|Harvey|Jared|Adrian|
Karl|Cory|Claude|Erik|Darryl|Jamie|Neil|Jessie|Christian|Javier|Fernando|Ted|Mathew|Tyrone|Darren|Lonnie|Lance|Cody|
Julio|Kelly|Kurt|Allan|Nelson|Guy|Clayton|Hugh|Max|Dwayne|Dwight|Armando|Felix|Jimmie|Everett|Jordan|Ian|Wallace|Ken|Bob|Jaime|
Casey|Alfredo|Alberto|Dave|Ivan|Johnnie|Sidney|Byron|Julian|Isaac|Morris|Clifton|Willard|Daryl|Ross|Virgil|Andy|Marshall|
Salvador|Perry|Kirk|Sergio|Marion|Tracy|Seth|Kent|Terrance|Rene|Eduardo|Terrence|Enrique|Freddie|Wade|Mary|Patricia|Linda|
Barbara|Elizabeth|Jennifer|Maria|Susan|Margaret|Dorothy|Lisa|Nancy|Karen|Betty|Helen|Sandra|Donna|Carol|Ruth|Sharon|Michelle|
Laura|Sarah|Kimberly|Deborah|Jessica|Shirley|Cynthia|Angela|Melissa|Brenda|Amy|Anna|Rebecca|Virginia|Kathleen|Pamela|Martha|
Debra|Amanda|Stephanie|Carolyn|Christine|Marie|Janet|Catherine|Frances|Ann|Joyce|Diane|Alice|Julie|Heather|Teresa|Doris|
Gloria|Evelyn|Jean|Cheryl|Mildred|Katherine|Joan|Ashley|Judith|Rose|Janice|Nicole|Judy|Christina|Kathy|Theresa|Beverly|Denise|
Tammy|Irene|Jane|Lori|Rachel|Marilyn|Andrea|Kathryn|Louise|Sara|Anne|Jacqueline|Wanda|Bonnie|Julia|Ruby|Lois|Tina|Phyllis|
Norma|Paula|Diana|Annie|Lillian|Emily|Robin|Peggy|Crystal|Gladys|Rita|Dawn|Connie|Florence|Tracy|Edna|Tiffany|Carmen|Rosa|
Cindy|Grace|Wendy|Victoria|Edith|Kim|Sherry|Sylvia|Josephine|Thelma|Shannon|Sheila|Ethel|Ellen|Elaine|Marjorie|Carrie|
Charlotte|Monica|Esther|Pauline|Emma|Juanita|Anita|Rhonda|Hazel|Amber|Eva|Debbie|April|Clara|Lucille|Joanne|Eleanor|Valerie|
Danielle|Megan|Alicia|Suzanne|Michele|Gail|Bertha|Darlene|Veronica|Jill|Erin|Geraldine|Lauren|Cathy|Joann|Lorraine|Lynn|
Sally|Regina|Erica|Beatrice|Dolores|Bernice|Audrey|Yvonne|Annette|June|Samantha|Marion|Dana|Stacy|Ana|Renee|Ida|Vivian|Roberta|
Holly|Brittany|Melanie|Loretta|Yolanda|Jeanette|Laurie|Katie|Kristen|Vanessa|Alma|Sue|Elsie|Beth|Jeanne`;

/** The most common surnames in the United States and Britain. */
export const SURNAMES = `Smith|Johnson|Williams|Brown|Jones|Miller|Davis|Garcia|Rodriguez|Wilson|Martinez|Anderson|Taylor|Thomas|
Hernandez|Moore|Martin|Jackson|Thompson|White|Lopez|Lee|Gonzalez|Harris|Clark|Lewis|Robinson|Walker|Perez|Hall|Young|Allen|
Sanchez|Wright|King|Scott|Green|Baker|Adams|Nelson|Hill|Ramirez|Campbell|Mitchell|Roberts|Carter|Phillips|Evans|Turner|Torres|
Parker|Collins|Edwards|Stewart|Flores|Morris|Nguyen|Murphy|Rivera|Cook|Rogers|Morgan|Peterson|Cooper|Reed|Bailey|Bell|Gomez|
Kelly|Howard|Ward|Cox|Diaz|Richardson|Wood|Watson|Brooks|Bennett|Gray|James|Reyes|Cruz|Hughes|Price|Myers|Long|Foster|Sanders|
Ross|Morales|Powell|Sullivan|Russell|Ortiz|Jenkins|Gutierrez|Perry|Butler|Barnes|Fisher|Henderson|Coleman|Simmons|Patterson|
Jordan|Reynolds|Hamilton|Graham|Kim|Gonzales|Alexander|Ramos|Wallace|Griffin|West|Cole|Hayes|Chavez|Gibson|Bryant|Ellis|
Stevens|Murray|Ford|Marshall|Owens|McDonald|Harrison|Ruiz|Kennedy|Wells|Alvarez|Woods|Mendoza|Castillo|Olson|Webb|Washington|
Tucker|Freeman|Burns|Henry|Vasquez|Snyder|Simpson|Crawford|Jimenez|Porter|Mason|Shaw|Gordon|Wagner|Hunter|Romero|Hicks|Dixon|
Hunt|Palmer|Robertson|Black|Holmes|Stone|Meyer|Boyd|Mills|Warren|Fox|Rose|Rice|Moreno|Schmidt|Patel|Ferguson|Nichols|Herrera|
Medina|Ryan|Fernandez|Weaver|Daniels|Stephens|Gardner|Payne|Kelley|Dunn|Pierce|Arnold|Tran|Spencer|Peters|Hawkins|Grant|Hansen|
Castro|Hoffman|Hart|Elliott|Cunningham|Knight|Bradley`;

/** Words that end or continue an organisation's name, and widely known organisations. */
export const ORG_WORDS = `Senate|Congress|Parliament|Council|Committee|Commission|Ministry|Department|Party|Union|Association|
Federation|League|Bank|Corp|Inc|Co|Ltd|Plc|Group|Company|Corporation|University|College|Institute|Agency|Authority|Court|
Assembly|Organisation|Organization|Foundation|Club|Airlines|Airways|Motors|Reuters|NATO|OPEC|UNESCO|UNICEF|FIFA|UEFA|IMF|NASA|
FBI|CIA|NBA|NFL|NHL|IOC|UN|EU`;

/** Nationality and demonym adjectives (CoNLL tags these MISC). */
export const NATIONALITIES = `American|British|English|Scottish|Welsh|Irish|French|German|Italian|Spanish|Portuguese|Dutch|Belgian|
Swiss|Austrian|Swedish|Norwegian|Danish|Finnish|Polish|Czech|Slovak|Hungarian|Romanian|Bulgarian|Serbian|Croatian|Bosnian|
Greek|Turkish|Russian|Ukrainian|Chinese|Japanese|Korean|Indian|Pakistani|Afghan|Iranian|Iraqi|Syrian|Israeli|Palestinian|
Lebanese|Egyptian|Saudi|Arab|Kurdish|African|Nigerian|Kenyan|Canadian|Mexican|Brazilian|Argentine|Colombian|Peruvian|Chilean|
Cuban|Australian|European|Asian|Muslim|Christian|Catholic|Jewish|Islamic|Olympic|Olympics`;

/** Capitalised words that are (almost) never part of a name: function words, titles, days, months. */
export const NON_ENTITY_WORDS = `The|A|An|He|She|It|They|We|I|You|His|Her|Its|Their|Our|My|Your|This|That|These|Those|There|Here|
In|On|At|By|For|From|To|Of|With|As|But|And|Or|Nor|If|When|While|After|Before|Since|Until|Under|Over|About|Against|Between|Into|
During|Despite|Although|Though|However|Also|Not|No|Yes|What|Who|Whom|Which|Where|Why|How|All|Some|Any|Each|Every|Both|Many|
Most|More|Other|Such|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|First|Second|Third|Last|Next|Now|Then|So|Is|Was|
Are|Were|Be|Has|Have|Had|Do|Does|Did|Will|Would|Can|Could|Should|May|Might|Must|Mr|Mrs|Ms|Dr|President|Vice|Prime|Minister|
Ambassador|Secretary|Senator|Governor|Mayor|Chancellor|King|Queen|Prince|Princess|Chairman|Director|Spokesman|Judge|Pope|Sir|
Lord|Lady|General|Colonel|Captain|Commander|Officer|Police|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|
February|March|April|June|July|August|September|October|November|December`;

export const splitList = (list: string): string[] => list.split("|").map((entry) => entry.trim()).filter((entry) => entry.length > 0);
