#include "text/korean_morphemes.hpp"

#include <string>
#include <unordered_set>

namespace topica::korean {
namespace {

using Set = std::unordered_set<std::string_view>;

// Written out here rather than read from a file: they are part of the algorithm, not
// user-tunable like the stop words. Each list is what follows the content part, in NFC.
const Set& particles() {
  static const Set set{
      "이", "가", "은", "는", "을", "를", "의", "에", "도", "만", "와", "과", "로", "나", "께",
      "에서", "에게", "께서", "한테", "으로", "까지", "부터", "보다", "처럼", "마다", "이나", "이랑", "랑",
      "에도", "에는", "로는", "로도", "과의", "와의", "에의", "로의", "이란", "조차", "밖에", "만큼",
      "만은", "만의", "만이", "만을", "에겐", "에선", "로서", "로써", "이라", "라고", "라는", "라며",
      "이다", "였다", "이며", "이고", "이자", "이지", "이든", "라도", "입니다", "이었다", "이지만",
      "이라고", "이라는", "이라며", "이라도", "이라서", "이에요", "예요", "였던", "였고", "였으며",
      "에서는", "에서도", "에게는", "에게도", "에게서", "한테서", "으로는", "으로도", "으로서", "으로써",
      "으로의", "에서의", "까지도", "까지는", "부터는", "부터도", "에서부터", "께서는", "께서도", "보다는",
      "처럼", "이었던", "이었고", "이었으며", "만으로", "만으로도",
      "들", "들이", "들은", "들을", "들의", "들에", "들에게", "들도", "들과", "들로", "들이다", "들만",
      "들까지", "들에서", "들에게는", "들로부터", "로부터", "으로부터", "에게로", "만에",
      "님", "님이", "님은", "님을", "님의", "님께", "님께서", "님도", "님과", "님에게"};
  return set;
}

const Set& endings() {
  static const Set set{
      "", "다", "고", "며", "는", "여", "면", "기", "게", "자", "지", "던", "데", "서", "야", "도", "요",
      "어", "을", "여서", "였다", "였고", "였던", "면서", "지만", "기로", "기도", "도록", "려고", "려는",
      "려면", "지도", "는데", "다고", "다는", "다며", "다가", "니다", "니까", "어서", "어야", "어요",
      "었다", "었고", "었던", "으며", "으나", "으면", "기에", "는지", "셨다", "시는", "시고", "였으며",
      "였지만", "었으며", "습니다", "었지만", "는다", "는다고", "는다는", "셨어요", "세요", "신", "을게", "니"};
  return set;
}

}  // namespace

bool is_particle(std::string_view suffix) { return particles().contains(suffix); }
bool is_ending(std::string_view suffix) { return endings().contains(suffix); }

bool is_one_syllable_noun(std::string_view syllable) {
  static const Set set{
      "집", "돈", "책", "물", "밥", "차", "길", "말", "눈", "손", "몸", "일", "날", "꿈", "빛", "땅", "산", "강",
      "값", "옷", "방", "문", "맛", "힘", "향", "양", "앱", "면", "열", "짐", "잎", "빚", "해", "달", "별", "꽃", "불", "돌", "술", "약", "병", "빵", "떡", "죽",
      "국", "쌀", "표", "법", "세", "당", "군", "팀", "골", "공", "배", "코", "입", "귀", "발", "팔", "목", "배",
      "피", "땀", "잠", "밤", "낮", "봄", "글", "시", "곡", "춤", "판", "안", "밖", "앞", "뒤", "위", "옆",
      "속", "점", "곳", "때", "것", "수", "등", "중", "개", "명", "번", "층", "칸", "줄", "뜻", "삶", "맘", "정",
      "상", "벌", "죄", "적", "편", "쪽", "끝", "역", "섬", "숲", "논", "밭", "소", "개", "닭", "말", "벽",
      "창", "차", "비", "눈", "금", "은", "칼", "총", "성", "궁", "탑", "절", "굴", "빚", "복", "덕", "운",
      "나", "너", "저", "그", "이", "뭐", "왜", "님", "씨", "형", "딸"};
  return set.contains(syllable);
}

bool is_particle_like_noun(std::string_view two_syllables) {
  static const Set set{
      "결과", "효과", "사과", "성과", "학과", "부과", "통과", "초과", "합의", "회의", "주의", "논의", "정의", "동의",
      "강의", "문의", "의의", "예의", "이의", "증가", "평가", "국가", "참가", "추가", "물가", "전가",
      "정도", "제도", "속도", "온도", "태도", "시도", "지도", "강도", "마을", "가을", "각도", "용도", "밀도", "포도", "인도",
      "사이", "차이", "아이", "나이", "오이", "거리", "우리", "소리", "자리", "머리", "다리", "요리", "도로", "경로",
      "진로", "통로", "과로", "고로", "의도", "노도", "다만", "소나", "불만",
      "비만", "자만", "수만", "천만", "백만", "십만", "구만", "경우", "무도", "보도", "지역", "작가", "휴가", "부가",
      "인가", "특가", "단가", "원가", "시가"};
  return set.contains(two_syllables);
}

bool is_consonant_ending(std::string_view suffix) {
  static const Set set{"다", "다고", "다는", "다며", "다가", "지만", "아서", "어서", "아요", "어요", "아도", "어도",
                       "아야", "어야", "으며", "으면", "으니", "으나", "으니까", "으면서", "을게", "을까", "습니다", "았다",
                       "었다", "았고", "었고", "았던", "었던", "아라", "어라"};
  return set.contains(suffix);
}

bool is_native_stem_ending(std::string_view suffix) {
  static const Set set{"아", "어", "고", "게", "기", "지", "은", "는", "을", "던", "자", "네", "니", "는데", "고서", "기로", "지도"};
  return set.contains(suffix);
}

bool is_u_stem(std::string_view syllable) {
  static const Set set{"배", "세", "비", "싸", "키", "채", "깨", "피", "태", "외", "가", "누", "미", "지", "바", "맞", "띄"};
  return set.contains(syllable);
}

bool attaches(std::string_view left, std::string_view particle) {
  if (left.size() < kSyllableBytes || particle.size() < kSyllableBytes) return true;
  const std::string_view last = left.substr(left.size() - kSyllableBytes);
  const int code = ((last[0] & 0x0F) << 12) | ((last[1] & 0x3F) << 6) | (last[2] & 0x3F);
  const int final = (code - 0xAC00) % 28;
  const std::string_view head = particle.substr(0, kSyllableBytes);
  if (head == "을" || head == "이" || head == "은" || head == "과" || head == "으") return final != 0;
  if (head == "를" || head == "가" || head == "는" || head == "와" || head == "였" || head == "예") return final == 0;
  if (head == "로") return final == 0 || final == 8;  // ㄹ
  return true;
}

bool is_light_verb_root(std::string_view syllable) {
  static const Set set{"위", "대", "통", "의", "관", "비", "향", "인", "말", "못", "안", "원", "행", "당", "변", "정", "택", "전", "구"};
  return set.contains(syllable);
}

}  // namespace topica::korean
